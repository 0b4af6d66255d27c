import { createMember } from '../support/desk';
import { bearer, expectCode, messages, NO_SUCH, type Member } from '../support/http';
import { createChannel, deliver, settled, type TestChannel } from '../support/inbox';
import { createRole, setRoleMembers } from '../support/routing';
import { admin, agent, agent2, desk, lead, otherWorkspace, sql, supervisor, useTaskForce } from '../support/task-force';

describe('canned responses', () => {
  useTaskForce();
  let workspaceName: string;
  let outsider: Member;
  let channel: TestChannel;
  let care: string;
  let sales: string;
  let otherAdmin: string;
  let otherRole: string;
  let seq = 0;

  const create = (token: string, body: Record<string, unknown>) => desk.http().post('/api/canned-responses').set(bearer(token)).send(body);
  const patch = (token: string, id: string, body: Record<string, unknown>) => desk.http().patch(`/api/canned-responses/${id}`).set(bearer(token)).send(body);
  const list = async (token: string, query: Record<string, string> = {}) => {
    const res = await desk.http().get('/api/canned-responses').query(query).set(bearer(token));
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ name: string }>).map((i) => i.name);
  };
  const render = (token: string, id: string, body: Record<string, unknown>) => desk.http().post(`/api/canned-responses/${id}/render`).set(bearer(token)).send(body);

  /** A conversation whose contact is `author`, in the Care role. */
  async function conversation(author: Record<string, unknown>): Promise<string> {
    const id = `cr-${++seq}`;
    expect((await deliver(desk, channel, JSON.stringify({ id, kind: 'message', author: { id: `contact-${seq}`, ...author }, text: 'hello' }))).status).toBe(200);
    expect(await settled(desk, admin, channel.id)).toEqual([]);
    const { rows } = await sql.query<{ conversation_id: string }>(`SELECT conversation_id FROM messages WHERE channel_id = $1 AND external_id = $2`, [channel.id, id]);
    const conversationId = rows[0]!.conversation_id;
    expect((await desk.http().post(`/api/conversations/${conversationId}/assignment`).set(bearer(lead.token)).send({ roleId: care })).status).toBe(200);
    return conversationId;
  }

  let welcome: string;
  let careRefund: string;
  let salesOffer: string;

  beforeAll(async () => {
    outsider = await createMember(desk, admin, 'agent');
    workspaceName = (await desk.http().get('/api/me').set(bearer(admin))).body.memberships[0].name;
    channel = await createChannel(desk, admin, 'api');
    care = await createRole(desk, lead.token, { name: 'Care' });
    sales = await createRole(desk, lead.token, { name: 'Sales' });
    await setRoleMembers(desk, lead.token, care, [agent.id]);
    await setRoleMembers(desk, lead.token, sales, [agent2.id]);
    otherAdmin = (await otherWorkspace(desk, admin)).admin;
    otherRole = await createRole(desk, otherAdmin, { name: 'Elsewhere' });
  });

  describe('writing', () => {
    it('leads and admins create them, for the workspace or a role', async () => {
      const res = await create(lead.token, {
        name: ' Welcome ',
        text: 'Ciao {{contact.firstName}}, sono {{ agent.firstName }} di {{workspace.name}} ({{channel.name}})',
        shortcut: 'welcome',
        language: 'IT',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        name: 'Welcome',
        roleId: null,
        shortcut: 'welcome',
        language: 'it',
        placeholders: ['contact.firstName', 'agent.firstName', 'workspace.name', 'channel.name'],
        createdBy: lead.id,
      });
      welcome = res.body.id;
      careRefund = (await create(admin, { name: 'Care refund', text: 'Dear {{contact.name}}, your refund is on its way.', roleId: care })).body.id;
      salesOffer = (await create(lead.token, { name: 'Sales offer', text: '10% off for you, {{contact.username}}', roleId: sales, shortcut: 'offer' })).body.id;
      expect(careRefund && salesOffer).toBeTruthy();
    });

    it('agents and supervisors may not write them', async () => {
      expectCode(await create(agent.token, { name: 'Mine', text: 'hi' }), 403, 'ACCESS_DENIED');
      expectCode(await create(supervisor.token, { name: 'Mine', text: 'hi' }), 403, 'ACCESS_DENIED');
      expectCode(await patch(agent.token, welcome, { name: 'Hacked' }), 403, 'ACCESS_DENIED');
      expectCode(await desk.http().delete(`/api/canned-responses/${welcome}`).set(bearer(agent.token)), 403, 'ACCESS_DENIED');
    });

    it('names every problem, unknown placeholders included', async () => {
      const res = await create(lead.token, { text: 'Hi {{contact.email}} and {{ order.id }} from {{agent.name}}', shortcut: 'no spaces', language: 'italian', roleId: 'care' });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res)).toEqual(
        expect.arrayContaining([
          'name is required',
          expect.stringMatching(/^text has unknown placeholders \{\{contact\.email\}\}, \{\{ order\.id \}\} \(known: \{\{contact\.name\}\}/),
          'roleId must be a UUID',
          'shortcut must be 1 to 30 letters, digits, _ . or -, starting with a letter or digit',
          'language must be an ISO 639-1 code such as it or en',
        ]),
      );
      expect(messages(res)).toHaveLength(5);
      expectCode(await patch(lead.token, welcome, { text: 'Bye {{contact.nickname}}' }), 400, 'VALIDATION_FAILED');
      expectCode(await create(lead.token, { name: 'Blank', text: '   ' }), 400, 'VALIDATION_FAILED');
    });

    it('refuses a role that is not one of the workspace', async () => {
      expectCode(await create(lead.token, { name: 'X', text: 'x', roleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
      expectCode(await create(lead.token, { name: 'X', text: 'x', roleId: otherRole }), 404, 'ROLE_NOT_FOUND');
      expectCode(await patch(lead.token, welcome, { roleId: otherRole }), 404, 'ROLE_NOT_FOUND');
    });

    it('keeps shortcuts unique in the workspace, case-insensitively', async () => {
      expectCode(await create(lead.token, { name: 'Again', text: 'x', shortcut: 'WELCOME' }), 409, 'CANNED_SHORTCUT_TAKEN');
      expectCode(await patch(lead.token, salesOffer, { shortcut: 'Welcome' }), 409, 'CANNED_SHORTCUT_TAKEN');
      // Another workspace has its own shortcuts.
      expect((await create(otherAdmin, { name: 'Theirs', text: 'x', shortcut: 'welcome' })).status).toBe(201);
    });

    it('updates what is given, clears what is null, and deletes', async () => {
      const temp = (await create(lead.token, { name: 'Temp', text: 'Hi {{contact.name}}', shortcut: 'temp', language: 'en', roleId: care })).body.id;
      const res = await patch(lead.token, temp, { text: 'Bye {{agent.name}}', shortcut: null, language: '', roleId: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Temp', text: 'Bye {{agent.name}}', shortcut: null, language: null, roleId: null, placeholders: ['agent.name'] });
      expect(await list(agent2.token)).toContain('Temp');
      expect((await desk.http().delete(`/api/canned-responses/${temp}`).set(bearer(lead.token))).status).toBe(204);
      expectCode(await desk.http().get(`/api/canned-responses/${temp}`).set(bearer(lead.token)), 404, 'CANNED_RESPONSE_NOT_FOUND');
      expectCode(await desk.http().delete(`/api/canned-responses/${temp}`).set(bearer(lead.token)), 404, 'CANNED_RESPONSE_NOT_FOUND');
    });
  });

  describe('reading', () => {
    it("shows agents the workspace's responses and their roles', everyone else all of them", async () => {
      expect(await list(agent.token)).toEqual(['Care refund', 'Welcome']);
      expect(await list(agent2.token)).toEqual(['Sales offer', 'Welcome']);
      expect(await list(outsider.token)).toEqual(['Welcome']);
      for (const token of [lead.token, supervisor.token, admin]) expect(await list(token)).toEqual(['Care refund', 'Sales offer', 'Welcome']);
      expect((await desk.http().get(`/api/canned-responses/${salesOffer}`).set(bearer(agent2.token))).status).toBe(200);
      expectCode(await desk.http().get(`/api/canned-responses/${salesOffer}`).set(bearer(agent.token)), 404, 'CANNED_RESPONSE_NOT_FOUND');
    });

    it('filters by role and by text', async () => {
      expect(await list(lead.token, { roleId: care })).toEqual(['Care refund']);
      expect(await list(lead.token, { roleId: 'none' })).toEqual(['Welcome']);
      expect(await list(agent.token, { roleId: sales })).toEqual([]);
      expect(await list(lead.token, { q: 'REFUND' })).toEqual(['Care refund']);
      expect(await list(lead.token, { q: 'offer' })).toEqual(['Sales offer']);
      expect(await list(lead.token, { q: '100%' })).toEqual([]);
      expectCode(await desk.http().get('/api/canned-responses').query({ roleId: 'care' }).set(bearer(lead.token)), 400, 'VALIDATION_FAILED');
    });

    it('keeps workspaces apart', async () => {
      expect(await list(otherAdmin)).toEqual(['Theirs']);
      expectCode(await desk.http().get(`/api/canned-responses/${welcome}`).set(bearer(otherAdmin)), 404, 'CANNED_RESPONSE_NOT_FOUND');
      expectCode(await patch(otherAdmin, welcome, { name: 'Mine now' }), 404, 'CANNED_RESPONSE_NOT_FOUND');
      expectCode(await desk.http().delete(`/api/canned-responses/${welcome}`).set(bearer(otherAdmin)), 404, 'CANNED_RESPONSE_NOT_FOUND');
    });
  });

  describe('rendering', () => {
    it("fills the contact's, the agent's, the channel's and the workspace's names", async () => {
      const id = await conversation({ name: 'Maria Rossi', username: 'mrossi' });
      const res = await render(agent.token, welcome, { conversationId: id });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ text: `Ciao Maria, sono Test di ${workspaceName} (api test)`, missing: [] });
      expect((await render(agent.token, careRefund, { conversationId: id })).body).toEqual({ text: 'Dear Maria Rossi, your refund is on its way.', missing: [] });
    });

    it('falls back to the username, and lists what has no value', async () => {
      const handleOnly = await conversation({ username: 'gino_88' });
      expect((await render(agent.token, welcome, { conversationId: handleOnly })).body).toEqual({ text: `Ciao gino_88, sono Test di ${workspaceName} (api test)`, missing: [] });
      const anonymous = await conversation({});
      expect((await render(agent.token, careRefund, { conversationId: anonymous })).body).toEqual({ text: 'Dear, your refund is on its way.', missing: ['contact.name'] });
      expect((await render(lead.token, salesOffer, { conversationId: anonymous })).body).toEqual({ text: '10% off for you,', missing: ['contact.username'] });
    });

    it('renders without a conversation, the contact and channel missing', async () => {
      expect((await render(lead.token, welcome, {})).body).toEqual({ text: `Ciao, sono Test di ${workspaceName} ()`, missing: ['contact.firstName', 'channel.name'] });
    });

    it('only for responses and conversations the caller may read', async () => {
      const id = await conversation({ name: 'Ann' });
      expectCode(await render(outsider.token, welcome, { conversationId: id }), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await render(agent.token, salesOffer, { conversationId: id }), 404, 'CANNED_RESPONSE_NOT_FOUND');
      expectCode(await render(otherAdmin, welcome, {}), 404, 'CANNED_RESPONSE_NOT_FOUND');
      expectCode(await render(agent.token, welcome, { conversationId: 'nope' }), 400, 'VALIDATION_FAILED');
    });
  });

  it('go with their role when it is deleted', async () => {
    const role = await createRole(desk, lead.token, { name: 'Short-lived' });
    const id = (await create(lead.token, { name: 'Short', text: 'x', roleId: role })).body.id;
    expect((await desk.http().delete(`/api/roles/${role}`).set(bearer(lead.token))).status).toBe(204);
    expectCode(await desk.http().get(`/api/canned-responses/${id}`).set(bearer(lead.token)), 404, 'CANNED_RESPONSE_NOT_FOUND');
  });
});

import { bearer, expectCode } from '../support/http';
import { createChannel } from '../support/inbox';
import { createRole, insertConversation, setRoleMembers } from '../support/routing';
import { admin, agent, desk, lead, sql, useTaskForce, workspaceId } from '../support/task-force';

/** A contact who started one conversation of the given role; answers the contact and the conversation. */
async function contactIn(channelId: string, roleId: string, name: string): Promise<{ id: string; conversationId: string }> {
  const { rows } = await sql.query<{ id: string }>(`INSERT INTO contacts (workspace_id, name) VALUES ($1, $2) RETURNING id`, [workspaceId, name]);
  const conversationId = await insertConversation(sql, workspaceId, channelId, { roleId });
  await sql.query(`UPDATE conversations SET contact_id = $2 WHERE id = $1`, [conversationId, rows[0]!.id]);
  return { id: rows[0]!.id, conversationId };
}

/** An agent reaches the contacts of the conversations it may read, and no other: reading and merging alike. */
describe('contacts in an agent’s scope', () => {
  useTaskForce();
  let mine: string;
  let mineToo: string;
  let theirs: string;
  let replier: string;

  beforeAll(async () => {
    const channel = await createChannel(desk, admin, 'api');
    const care = await createRole(desk, admin, { name: 'Care', assignment: 'manual' });
    const press = await createRole(desk, admin, { name: 'Press', assignment: 'manual' });
    await setRoleMembers(desk, admin, care, [agent.id]);
    const ada = await contactIn(channel.id, care, 'Ada');
    mine = ada.id;
    mineToo = (await contactIn(channel.id, care, 'Ada again')).id;
    theirs = (await contactIn(channel.id, press, 'Grace')).id;
    // Another customer answering in Ada's comment thread: no conversation of her own, one message in Ada's.
    const press2 = await contactIn(channel.id, press, 'Hedy');
    replier = press2.id;
    await sql.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, author_type, author_id, author_name, text, external_id, created_at)
       VALUES ($1, $2, $3, 'inbound', 'contact', $4, 'Hedy', 'me too', 'reply-by-hedy', now())`,
      [workspaceId, ada.conversationId, channel.id, replier],
    );
  });

  it('reads a contact of its role’s conversation, and not one who wrote only to another role', async () => {
    expect((await desk.http().get(`/api/contacts/${mine}`).set(bearer(agent.token))).status).toBe(200);
    expectCode(await desk.http().get(`/api/contacts/${theirs}`).set(bearer(agent.token)), 404, 'CONTACT_NOT_FOUND');
    expect((await desk.http().get(`/api/contacts/${theirs}`).set(bearer(lead.token))).status).toBe(200);
  });

  it('reads another customer who wrote in a conversation it reads, whoever started it', async () => {
    expect((await desk.http().get(`/api/contacts/${replier}`).set(bearer(agent.token))).status).toBe(200);
  });

  it('cannot merge a contact it cannot reach, either way round, and nothing moves', async () => {
    for (const [target, source] of [
      [mine, theirs],
      [theirs, mine],
    ]) {
      expectCode(await desk.http().post(`/api/contacts/${target}/merge`).set(bearer(agent.token)).send({ contactId: source }), 404, 'CONTACT_NOT_FOUND');
    }
    const { rows } = await sql.query(`SELECT id FROM contacts WHERE id = ANY($1) AND merged_into_id IS NULL`, [[mine, theirs]]);
    expect(rows).toHaveLength(2);
  });

  it('merges two contacts of its own conversations', async () => {
    const res = await desk.http().post(`/api/contacts/${mine}/merge`).set(bearer(agent.token)).send({ contactId: mineToo });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(mine);
  });
});

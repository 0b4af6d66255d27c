import { bearer, expectCode } from '../support/http';
import { createChannel } from '../support/inbox';
import { createRole, insertConversation, setRoleMembers } from '../support/routing';
import { admin, agent, desk, lead, sql, useTaskForce, workspaceId } from '../support/task-force';

/** A contact who wrote in one conversation of the given role. */
async function contactIn(channelId: string, roleId: string, name: string): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(`INSERT INTO contacts (workspace_id, name) VALUES ($1, $2) RETURNING id`, [workspaceId, name]);
  const conversationId = await insertConversation(sql, workspaceId, channelId, { roleId });
  await sql.query(`UPDATE conversations SET contact_id = $2 WHERE id = $1`, [conversationId, rows[0]!.id]);
  return rows[0]!.id;
}

/** An agent reaches the contacts of the conversations it may read, and no other: reading and merging alike. */
describe('contacts in an agent’s scope', () => {
  useTaskForce();
  let mine: string;
  let mineToo: string;
  let theirs: string;

  beforeAll(async () => {
    const channel = await createChannel(desk, admin, 'api');
    const care = await createRole(desk, admin, { name: 'Care', assignment: 'manual' });
    const press = await createRole(desk, admin, { name: 'Press', assignment: 'manual' });
    await setRoleMembers(desk, admin, care, [agent.id]);
    mine = await contactIn(channel.id, care, 'Ada');
    mineToo = await contactIn(channel.id, care, 'Ada again');
    theirs = await contactIn(channel.id, press, 'Grace');
  });

  it('reads a contact of its role’s conversation, and not one who wrote only to another role', async () => {
    expect((await desk.http().get(`/api/contacts/${mine}`).set(bearer(agent.token))).status).toBe(200);
    expectCode(await desk.http().get(`/api/contacts/${theirs}`).set(bearer(agent.token)), 404, 'CONTACT_NOT_FOUND');
    expect((await desk.http().get(`/api/contacts/${theirs}`).set(bearer(lead.token))).status).toBe(200);
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

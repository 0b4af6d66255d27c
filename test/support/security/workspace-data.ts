import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Client as PgClient } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../desk';
import { bearer, type Member } from '../http';
import { createChannel, deliver, eventually, type TestChannel } from '../inbox';
import { createRole, insertConversation, setRoleMembers } from '../routing';

/** The approval topic of every seeded workspace: an agent's reply naming it is held for a lead. */
export const HELD_TERM = 'lawsuit';
export const REPLY_POLICY = { blockTerms: [], warnTerms: ['guarantee'], approvalTopics: [{ name: 'Legal', terms: [HELD_TERM] }] };

/** A desk, a SQL connection to its database and its bootstrap admin: no other members (each costs password hashing). */
export interface SecurityDesk {
  desk: TestDesk;
  sql: Client;
  admin: string;
  workspaceId: string;
  shutdown(): Promise<void>;
}

export async function startSecurityDesk(env: Record<string, string> = {}): Promise<SecurityDesk> {
  const desk = await startTestDesk(env);
  const sql = new PgClient({ connectionString: desk.db.url });
  await sql.connect();
  const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId as string;
  return { desk, sql, admin, workspaceId, shutdown: async () => (await sql.end(), await desk.shutdown()) };
}

/** One workspace holding a row of every kind the API serves, with people of every level. */
export interface WorkspaceData {
  workspaceId: string;
  admin: string;
  adminId: string;
  lead: Member;
  agent: Member;
  supervisor: Member;
  /** The agent's role, and the map's default role: every new conversation lands in it. */
  roleId: string;
  channel: TestChannel;
  conversationId: string;
  messageId: string;
  contactId: string;
  otherContactId: string;
  heldReplyId: string;
  noteId: string;
  eventId: string;
  cannedId: string;
  businessHoursId: string;
  slaPolicyId: string;
  mapVersion: number;
}

export interface Inbound {
  conversationId: string;
  messageId: string;
  contactId: string;
}

/** A customer comment through the signed webhook of the generic channel, processed; answers where it landed. */
export async function inbound(desk: TestDesk, sql: Client, channel: TestChannel, text: string, fields: { author?: string; threadId?: string; id?: string; kind?: 'comment' | 'message' } = {}): Promise<Inbound> {
  const id = fields.id ?? `sec-${randomUUID()}`;
  const author = fields.author ?? `customer-${id}`;
  const body = { id, kind: fields.kind ?? 'comment', threadId: fields.threadId ?? id, author: { id: author, name: `Customer ${author.slice(-6)}`, username: author }, text, createdAt: new Date().toISOString() };
  const res = await deliver(desk, channel, JSON.stringify(body));
  if (res.status !== 200) throw new Error(`delivery failed: ${res.status} ${JSON.stringify(res.body)}`);
  return eventually(async () => {
    const { rows } = await sql.query<{ id: string; conversation_id: string; contact_id: string }>(
      'SELECT m.id, m.conversation_id, c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.channel_id = $1 AND m.external_id = $2',
      [channel.id, id],
    );
    return rows[0] && { conversationId: rows[0].conversation_id, messageId: rows[0].id, contactId: rows[0].contact_id };
  }, 15_000, `message ${id} to be stored`);
}

async function created(desk: TestDesk, token: string, path: string, body: object): Promise<string> {
  const res = await desk.http().post(path).set(bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** An agent's reply naming the approval topic: stored `held`, waiting for a lead. */
export async function heldReply(desk: TestDesk, agentToken: string, conversationId: string): Promise<string> {
  const res = await desk.http().post(`/api/conversations/${conversationId}/replies`).set(bearer(agentToken)).send({ text: `About the ${HELD_TERM}: we will call you` });
  if (res.status !== 201 || res.body.deliveryStatus !== 'held') throw new Error(`held reply: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** An unassigned conversation of the role (straight into its table: fast, as the inbox holds one). */
export function queuedConversation(sql: Client, data: WorkspaceData): Promise<string> {
  return insertConversation(sql, data.workspaceId, data.channel.id, { roleId: data.roleId });
}

/**
 * Fills a workspace through the API as its people would: a role with the agent, the map sending everything to it,
 * a generic channel with two customers' comments, a note, a held reply, canned responses, business hours, an SLA
 * policy and the reply policy.
 */
export async function seedWorkspace(desk: TestDesk, sql: Client, workspaceId: string, admin: string, label: string): Promise<WorkspaceData> {
  const adminId = (await desk.http().get('/api/me').set(bearer(admin))).body.id as string;
  const lead = await createMember(desk, admin, 'lead', `lead-${label}-${randomUUID().slice(0, 6)}@test.example`);
  const agent = await createMember(desk, admin, 'agent', `agent-${label}-${randomUUID().slice(0, 6)}@test.example`);
  const supervisor = await createMember(desk, admin, 'supervisor', `supervisor-${label}-${randomUUID().slice(0, 6)}@test.example`);
  const roleId = await createRole(desk, admin, { name: `Care ${label}`, assignment: 'manual' });
  await setRoleMembers(desk, admin, roleId, [agent.id]);
  const map = await desk.http().put('/api/responsibility-map').set(bearer(admin)).send({ defaultRoleId: roleId, rules: [] });
  if (map.status !== 200) throw new Error(`map: ${map.status} ${JSON.stringify(map.body)}`);
  const policy = await desk.http().put('/api/reply-policy').set(bearer(admin)).send(REPLY_POLICY);
  if (policy.status !== 200) throw new Error(`reply policy: ${policy.status} ${JSON.stringify(policy.body)}`);
  const channel = await createChannel(desk, admin, 'api', { secret: `api-secret-${label}` });
  const first = await inbound(desk, sql, channel, `First comment of ${label}`);
  const second = await inbound(desk, sql, channel, `Second comment of ${label}`);
  const note = await desk.http().post(`/api/conversations/${first.conversationId}/notes`).set(bearer(lead.token)).send({ text: `note of ${label}` });
  const businessHoursId = await created(desk, admin, '/api/business-hours', { name: `Hours ${label}`, timezone: 'UTC', weekly: [{ day: 1, from: '09:00', to: '18:00' }] });
  const { rows } = await sql.query<{ id: string }>('SELECT id FROM webhook_events WHERE channel_id = $1 ORDER BY received_at LIMIT 1', [channel.id]);
  return {
    workspaceId,
    admin,
    adminId,
    lead,
    agent,
    supervisor,
    roleId,
    channel,
    conversationId: first.conversationId,
    messageId: first.messageId,
    contactId: first.contactId,
    otherContactId: second.contactId,
    heldReplyId: await heldReply(desk, agent.token, first.conversationId),
    noteId: note.body.id as string,
    eventId: rows[0]!.id,
    cannedId: await created(desk, admin, '/api/canned-responses', { name: `Hello ${label}`, text: 'Hello {{contact.name}}!' }),
    businessHoursId,
    slaPolicyId: await created(desk, admin, '/api/sla-policies', { name: `Policy ${label}`, when: { priorities: ['urgent'] }, firstResponseSeconds: 3600, businessHoursId }),
    mapVersion: map.body.version as number,
  };
}

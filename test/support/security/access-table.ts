import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Response, Test } from 'supertest';
import { adapterFor } from '../../../libs/channels/src';
import type { TestDesk } from '../desk';
import { createChannel, FIXTURE_CONFIG, type TestChannel } from '../inbox';
import { createRole } from '../routing';
import { heldReply, inbound, queuedConversation, REPLY_POLICY, type WorkspaceData } from './workspace-data';

export type Level = 'anonymous' | 'agent' | 'lead' | 'supervisor' | 'admin';
export const LEVELS: Level[] = ['anonymous', 'agent', 'lead', 'supervisor', 'admin'];
type Member = Exclude<Level, 'anonymous'>;

/** What a call may use: the world it acts in, and the caller (no token when anonymous). */
export interface Ctx {
  desk: TestDesk;
  sql: Client;
  w: WorkspaceData;
  facebook: TestChannel;
  /** A member whose name and access the PATCH row changes. */
  targetUserId: string;
  level: Level;
  /** Whether the table lets this level through: only then is a fresh target made for a destructive call. */
  allowed: boolean;
}

export interface Row {
  /** Who may call it: `public` for everyone (no token needed), else these levels (admins always may). */
  allowed: 'public' | Member[];
  /** The status of a successful call. */
  status: number;
  call: (c: Ctx, as: (req: Test) => Test) => PromiseLike<Response>;
}

const ANY: Member[] = ['agent', 'lead', 'supervisor', 'admin'];
const h = (c: Ctx) => c.desk.http();
const today = () => new Date().toISOString().slice(0, 10);
const unique = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;
/** A resource a destructive call may consume: made fresh for a caller the table lets through, the seeded one otherwise. */
const fresh = async (c: Ctx, make: () => Promise<string>, seeded: string) => (c.allowed ? make() : seeded);
const newId = async (req: Test) => (await req).body.id as string;
const adminPost = (c: Ctx, path: string, body: object) => newId(h(c).post(path).set('Authorization', `Bearer ${c.w.admin}`).send(body));
const conv = (c: Ctx, rest = '') => `/api/conversations/${c.w.conversationId}${rest}`;
const swagger: Row = { allowed: 'public', status: 200, call: () => undefined as never };

/** The contract, route by route: CONTRACT.md and README's access rules, which the controllers' @RequireAccess must match. */
export const ACCESS_TABLE: Record<string, Row> = {
  'GET /health': { allowed: 'public', status: 200, call: (c, as) => as(h(c).get('/health')) },
  'GET /api/docs': swagger,
  'GET /api/docs/': swagger,
  'GET /api/docs/index.html': swagger,
  // Registered by @nestjs/swagger, but swagger-ui-dist ships no LICENSE file: a public 404.
  'GET /api/docs/LICENSE': { ...swagger, status: 404 },
  'GET /api/docs/swagger-ui-init.js': swagger,
  'GET /api/docs/docs/swagger-ui-init.js': swagger,
  'GET /api/docs-json': swagger,
  'GET /api/docs-yaml': swagger,
  'POST /api/auth/login': { allowed: 'public', status: 200, call: (c, as) => as(h(c).post('/api/auth/login')).send({ email: c.w.lead.email, password: 'member-password-1' }) },
  'GET /webhooks/:channelId': {
    allowed: 'public',
    status: 200,
    call: (c, as) => as(h(c).get(`/webhooks/${c.facebook.id}`)).query({ 'hub.mode': 'subscribe', 'hub.verify_token': FIXTURE_CONFIG.facebook.verifyToken, 'hub.challenge': '1158201444' }),
  },
  'POST /webhooks/:channelId': {
    allowed: 'public',
    status: 200,
    call: (c, as) => {
      const raw = Buffer.from(JSON.stringify({ id: randomUUID(), kind: 'comment', author: { id: 'someone' }, text: 'hello' }));
      return as(h(c).post(`/webhooks/${c.w.channel.id}`)).set({ 'content-type': 'application/json', ...adapterFor('api').signDelivery(raw, c.w.channel.config) }).send(raw.toString());
    },
  },
  'POST /api/auth/switch': { allowed: ANY, status: 200, call: (c, as) => as(h(c).post('/api/auth/switch')).send({ workspaceId: c.w.workspaceId }) },
  'GET /api/me': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/me')) },
  'GET /api/workspace': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/workspace')) },
  'POST /api/workspaces': { allowed: ['admin'], status: 201, call: (c, as) => as(h(c).post('/api/workspaces')).send({ name: unique('Brand'), timezone: 'UTC' }) },
  'GET /api/workspace/settings': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/workspace/settings')) },
  'PUT /api/workspace/settings': { allowed: ['supervisor'], status: 200, call: (c, as) => as(h(c).put('/api/workspace/settings')).send({ timezone: 'UTC' }) },
  'GET /api/presence': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/presence')) },

  'POST /api/users': { allowed: ['admin'], status: 201, call: (c, as) => as(h(c).post('/api/users')).send({ email: `${randomUUID()}@test.example`, name: 'New', password: 'password-123', access: 'agent' }) },
  'GET /api/users': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get('/api/users')) },
  'GET /api/users/:id': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get(`/api/users/${c.targetUserId}`)) },
  'PATCH /api/users/:id': { allowed: ['admin'], status: 200, call: (c, as) => as(h(c).patch(`/api/users/${c.targetUserId}`)).send({ name: unique('Renamed') }) },

  'POST /api/channels': { allowed: ['admin'], status: 201, call: (c, as) => as(h(c).post('/api/channels')).send({ type: 'api', name: unique('Api'), config: { secret: randomUUID() } }) },
  'GET /api/channels': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/channels')) },
  'GET /api/channels/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/channels/${c.w.channel.id}`)) },
  'PATCH /api/channels/:id': { allowed: ['admin'], status: 200, call: (c, as) => as(h(c).patch(`/api/channels/${c.w.channel.id}`)).send({ name: unique('Api') }) },
  'DELETE /api/channels/:id': {
    allowed: ['admin'],
    status: 204,
    call: async (c, as) => as(h(c).delete(`/api/channels/${await fresh(c, async () => (await createChannel(c.desk, c.w.admin, 'api', { secret: randomUUID() })).id, c.w.channel.id)}`)),
  },
  'GET /api/channels/:id/events': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).get(`/api/channels/${c.w.channel.id}/events`)) },
  'GET /api/channels/:id/events/:eventId': { allowed: ['admin'], status: 200, call: (c, as) => as(h(c).get(`/api/channels/${c.w.channel.id}/events/${c.w.eventId}`)) },
  'POST /api/channels/:id/events/replay': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).post(`/api/channels/${c.w.channel.id}/events/replay`)) },
  'POST /api/channels/:id/events/:eventId/replay': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).post(`/api/channels/${c.w.channel.id}/events/${c.w.eventId}/replay`)) },

  'GET /api/conversations': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/conversations')) },
  'GET /api/conversations/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(conv(c))) },
  'GET /api/conversations/:id/history': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(conv(c, '/history'))) },
  'POST /api/conversations/:id/notes': { allowed: ANY, status: 201, call: (c, as) => as(h(c).post(conv(c, '/notes'))).send({ text: 'a note' }) },
  'POST /api/conversations/:id/replies': { allowed: ['agent', 'lead'], status: 201, call: (c, as) => as(h(c).post(conv(c, '/replies'))).send({ text: 'Thank you!' }) },
  'POST /api/conversations/:id/replies/check': { allowed: ['agent', 'lead'], status: 200, call: (c, as) => as(h(c).post(conv(c, '/replies/check'))).send({ text: 'Thank you!' }) },
  'POST /api/conversations/:id/replies/:messageId/approve': {
    allowed: ['lead'],
    status: 200,
    call: async (c, as) => as(h(c).post(conv(c, `/replies/${await fresh(c, () => heldReply(c.desk, c.w.agent.token, c.w.conversationId), c.w.heldReplyId)}/approve`))),
  },
  'POST /api/conversations/:id/replies/:messageId/reject': {
    allowed: ['lead'],
    status: 200,
    call: async (c, as) => as(h(c).post(conv(c, `/replies/${await fresh(c, () => heldReply(c.desk, c.w.agent.token, c.w.conversationId), c.w.heldReplyId)}/reject`))).send({ reason: 'no' }),
  },
  'POST /api/conversations/:id/status': { allowed: ['agent', 'lead'], status: 200, call: (c, as) => as(h(c).post(conv(c, '/status'))).send({ status: 'open' }) },
  'PUT /api/conversations/:id/tags': { allowed: ['agent', 'lead'], status: 200, call: (c, as) => as(h(c).put(conv(c, '/tags'))).send({ tags: ['vip'] }) },
  'POST /api/conversations/:id/priority': { allowed: ['agent', 'lead'], status: 200, call: (c, as) => as(h(c).post(conv(c, '/priority'))).send({ priority: 'high' }) },
  'POST /api/conversations/:id/assignment': {
    allowed: ['agent', 'lead'],
    status: 200,
    // An agent may take an unassigned conversation of their role for themself; leads and admins may hand it to them.
    call: async (c, as) => as(h(c).post(`/api/conversations/${await fresh(c, () => queuedConversation(c.sql, c.w), c.w.conversationId)}/assignment`)).send({ assigneeId: c.w.agent.id }),
  },
  'POST /api/conversations/bulk-assignment': {
    allowed: ['lead'],
    status: 200,
    call: async (c, as) => as(h(c).post('/api/conversations/bulk-assignment')).send({ conversationIds: [await queuedConversation(c.sql, c.w)], assigneeId: c.w.agent.id }),
  },

  'GET /api/contacts/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/contacts/${c.w.contactId}`)) },
  'POST /api/contacts/:id/merge': {
    allowed: ['agent', 'lead'],
    status: 200,
    call: async (c, as) => {
      const [target, source] = c.allowed
        ? [(await inbound(c.desk, c.sql, c.w.channel, 'merge target')).contactId, (await inbound(c.desk, c.sql, c.w.channel, 'merge source')).contactId]
        : [c.w.contactId, c.w.otherContactId];
      return as(h(c).post(`/api/contacts/${target}/merge`)).send({ contactId: source });
    },
  },

  'POST /api/roles': { allowed: ['lead'], status: 201, call: (c, as) => as(h(c).post('/api/roles')).send({ name: unique('Role') }) },
  'GET /api/roles': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/roles')) },
  'GET /api/roles/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/roles/${c.w.roleId}`)) },
  'GET /api/roles/:id/queue': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/roles/${c.w.roleId}/queue`)) },
  'PATCH /api/roles/:id': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).patch(`/api/roles/${c.w.roleId}`)).send({ description: unique('Care') }) },
  'DELETE /api/roles/:id': {
    allowed: ['lead'],
    status: 204,
    call: async (c, as) => as(h(c).delete(`/api/roles/${await fresh(c, () => createRole(c.desk, c.w.admin, { name: unique('Doomed') }), c.w.roleId)}`)),
  },
  'PUT /api/roles/:id/members': {
    allowed: ['lead'],
    status: 200,
    call: async (c, as) =>
      as(h(c).put(`/api/roles/${await fresh(c, () => createRole(c.desk, c.w.admin, { name: unique('Team') }), c.w.roleId)}/members`)).send({ members: [{ userId: c.w.agent.id }] }),
  },
  'GET /api/workload': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get('/api/workload')) },

  'GET /api/responsibility-map': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/responsibility-map')) },
  'PUT /api/responsibility-map': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).put('/api/responsibility-map')).send({ defaultRoleId: c.w.roleId, rules: [] }) },
  'GET /api/responsibility-map/versions': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/responsibility-map/versions')) },
  'GET /api/responsibility-map/versions/:version': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/responsibility-map/versions/${c.w.mapVersion}`)) },
  'POST /api/responsibility-map/dry-run': { allowed: ANY, status: 200, call: (c, as) => as(h(c).post('/api/responsibility-map/dry-run')).send({ channelType: 'api', kind: 'comment', text: 'hello' }) },

  'GET /api/canned-responses': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/canned-responses')) },
  'POST /api/canned-responses': { allowed: ['lead'], status: 201, call: (c, as) => as(h(c).post('/api/canned-responses')).send({ name: unique('Canned'), text: 'Hi!' }) },
  'GET /api/canned-responses/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/canned-responses/${c.w.cannedId}`)) },
  'PATCH /api/canned-responses/:id': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).patch(`/api/canned-responses/${c.w.cannedId}`)).send({ text: 'Hello {{contact.name}}!' }) },
  'DELETE /api/canned-responses/:id': {
    allowed: ['lead'],
    status: 204,
    call: async (c, as) => as(h(c).delete(`/api/canned-responses/${await fresh(c, () => adminPost(c, '/api/canned-responses', { name: unique('Doomed'), text: 'x' }), c.w.cannedId)}`)),
  },
  'POST /api/canned-responses/:id/render': { allowed: ANY, status: 200, call: (c, as) => as(h(c).post(`/api/canned-responses/${c.w.cannedId}/render`)).send({ conversationId: c.w.conversationId }) },
  'GET /api/reply-policy': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/reply-policy')) },
  'PUT /api/reply-policy': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).put('/api/reply-policy')).send(REPLY_POLICY) },
  'GET /api/replies/held': { allowed: ['lead'], status: 200, call: (c, as) => as(h(c).get('/api/replies/held')) },

  'POST /api/business-hours': {
    allowed: ['supervisor'],
    status: 201,
    call: (c, as) => as(h(c).post('/api/business-hours')).send({ name: unique('Hours'), timezone: 'UTC', weekly: [{ day: 2, from: '09:00', to: '17:00' }] }),
  },
  'GET /api/business-hours': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/business-hours')) },
  'GET /api/business-hours/:id': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get(`/api/business-hours/${c.w.businessHoursId}`)) },
  'PATCH /api/business-hours/:id': { allowed: ['supervisor'], status: 200, call: (c, as) => as(h(c).patch(`/api/business-hours/${c.w.businessHoursId}`)).send({ name: unique('Hours') }) },
  'DELETE /api/business-hours/:id': {
    allowed: ['supervisor'],
    status: 204,
    call: async (c, as) =>
      as(h(c).delete(`/api/business-hours/${await fresh(c, () => adminPost(c, '/api/business-hours', { name: unique('Doomed'), timezone: 'UTC', weekly: [{ day: 3, from: '09:00', to: '17:00' }] }), c.w.businessHoursId)}`)),
  },
  'POST /api/sla-policies': { allowed: ['supervisor'], status: 201, call: (c, as) => as(h(c).post('/api/sla-policies')).send({ name: unique('Policy'), when: { priorities: ['urgent'] }, firstResponseSeconds: 600 }) },
  'GET /api/sla-policies': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get('/api/sla-policies')) },
  'GET /api/sla-policies/:id': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get(`/api/sla-policies/${c.w.slaPolicyId}`)) },
  'PATCH /api/sla-policies/:id': { allowed: ['supervisor'], status: 200, call: (c, as) => as(h(c).patch(`/api/sla-policies/${c.w.slaPolicyId}`)).send({ name: unique('Policy') }) },
  'DELETE /api/sla-policies/:id': {
    allowed: ['supervisor'],
    status: 204,
    call: async (c, as) =>
      as(h(c).delete(`/api/sla-policies/${await fresh(c, () => adminPost(c, '/api/sla-policies', { name: unique('Doomed'), when: { priorities: ['low'] }, firstResponseSeconds: 60 }), c.w.slaPolicyId)}`)),
  },
  'POST /api/sla-policies/reapply': { allowed: ['supervisor'], status: 200, call: (c, as) => as(h(c).post('/api/sla-policies/reapply')) },
  'GET /api/sla/board': { allowed: ANY, status: 200, call: (c, as) => as(h(c).get('/api/sla/board')) },
  'GET /api/reports/sla': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get('/api/reports/sla')).query({ from: today() }) },
  'GET /api/reports/sentiment': { allowed: ['lead', 'supervisor'], status: 200, call: (c, as) => as(h(c).get('/api/reports/sentiment')).query({ from: today() }) },
};

for (const [route, row] of Object.entries(ACCESS_TABLE)) {
  if (row.call === swagger.call) ACCESS_TABLE[route] = { ...row, call: (c, as) => as(h(c).get(route.slice(4))) };
}

/** The verdict the table gives a level on a route. */
export function mayCall(row: Row, level: Level): boolean {
  return row.allowed === 'public' || level === 'admin' || (level !== 'anonymous' && row.allowed.includes(level));
}

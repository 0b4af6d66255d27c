import type { Test } from 'supertest';
import type { TestDesk } from '../desk';
import type { WorkspaceData } from './workspace-data';

/** B's caller reaching for A's rows: `a` holds A's ids, `b` B's own (for the routes that name two things). */
export interface Reach {
  desk: TestDesk;
  a: WorkspaceData;
  b: WorkspaceData;
}

export interface TenancyRow {
  /** The code of the 404, or why the route is not a tenant's (it names no workspace's row through the caller). */
  code: string | { notTenantScoped: string };
  call?: (r: Reach) => Test;
}

const h = (r: Reach) => r.desk.http();
const conv = (r: Reach, rest = '') => `/api/conversations/${r.a.conversationId}${rest}`;

/** Every route with an id in its path, called with the other workspace's ids: 404 and the resource's own code. */
export const TENANCY_TABLE: Record<string, TenancyRow> = {
  'GET /webhooks/:channelId': { code: { notTenantScoped: 'a platform names the channel; no caller, no workspace (signature-checked: security-access)' } },
  'POST /webhooks/:channelId': { code: { notTenantScoped: 'a platform names the channel; no caller, no workspace (signature-checked: security-access)' } },
  'GET /api/users/:id': { code: 'USER_NOT_FOUND', call: (r) => h(r).get(`/api/users/${r.a.lead.id}`) },
  'PATCH /api/users/:id': { code: 'USER_NOT_FOUND', call: (r) => h(r).patch(`/api/users/${r.a.lead.id}`).send({ access: 'agent', name: 'Taken over' }) },
  'GET /api/channels/:id': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).get(`/api/channels/${r.a.channel.id}`) },
  'PATCH /api/channels/:id': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).patch(`/api/channels/${r.a.channel.id}`).send({ name: 'Taken over', config: { secret: 'mine-now' } }) },
  'DELETE /api/channels/:id': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).delete(`/api/channels/${r.a.channel.id}`) },
  'GET /api/channels/:id/events': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).get(`/api/channels/${r.a.channel.id}/events`) },
  'GET /api/channels/:id/events/:eventId': { code: 'EVENT_NOT_FOUND', call: (r) => h(r).get(`/api/channels/${r.a.channel.id}/events/${r.a.eventId}`) },
  'POST /api/channels/:id/events/replay': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).post(`/api/channels/${r.a.channel.id}/events/replay`) },
  'POST /api/channels/:id/events/:eventId/replay': { code: 'CHANNEL_NOT_FOUND', call: (r) => h(r).post(`/api/channels/${r.a.channel.id}/events/${r.a.eventId}/replay`) },
  'GET /api/conversations/:id': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).get(conv(r)) },
  'GET /api/conversations/:id/history': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).get(conv(r, '/history')) },
  'POST /api/conversations/:id/notes': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/notes')).send({ text: 'planted' }) },
  'POST /api/conversations/:id/replies': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/replies')).send({ text: 'planted' }) },
  'POST /api/conversations/:id/replies/check': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/replies/check')).send({ text: 'x' }) },
  'POST /api/conversations/:id/replies/:messageId/approve': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, `/replies/${r.a.heldReplyId}/approve`)) },
  'POST /api/conversations/:id/replies/:messageId/reject': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, `/replies/${r.a.heldReplyId}/reject`)).send({ reason: 'x' }) },
  'POST /api/conversations/:id/status': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/status')).send({ status: 'resolved' }) },
  'PUT /api/conversations/:id/tags': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).put(conv(r, '/tags')).send({ tags: ['planted'] }) },
  'POST /api/conversations/:id/priority': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/priority')).send({ priority: 'urgent' }) },
  'POST /api/conversations/:id/assignment': { code: 'CONVERSATION_NOT_FOUND', call: (r) => h(r).post(conv(r, '/assignment')).send({ assigneeId: null }) },
  'GET /api/contacts/:id': { code: 'CONTACT_NOT_FOUND', call: (r) => h(r).get(`/api/contacts/${r.a.contactId}`) },
  'POST /api/contacts/:id/merge': { code: 'CONTACT_NOT_FOUND', call: (r) => h(r).post(`/api/contacts/${r.a.contactId}/merge`).send({ contactId: r.a.otherContactId }) },
  'GET /api/roles/:id': { code: 'ROLE_NOT_FOUND', call: (r) => h(r).get(`/api/roles/${r.a.roleId}`) },
  'PATCH /api/roles/:id': { code: 'ROLE_NOT_FOUND', call: (r) => h(r).patch(`/api/roles/${r.a.roleId}`).send({ name: 'Taken over' }) },
  'DELETE /api/roles/:id': { code: 'ROLE_NOT_FOUND', call: (r) => h(r).delete(`/api/roles/${r.a.roleId}`) },
  'PUT /api/roles/:id/members': { code: 'ROLE_NOT_FOUND', call: (r) => h(r).put(`/api/roles/${r.a.roleId}/members`).send({ members: [] }) },
  'GET /api/roles/:id/queue': { code: 'ROLE_NOT_FOUND', call: (r) => h(r).get(`/api/roles/${r.a.roleId}/queue`) },
  // Versions count per workspace: A has saved more of them than B ever did.
  'GET /api/responsibility-map/versions/:version': { code: 'MAP_VERSION_NOT_FOUND', call: (r) => h(r).get(`/api/responsibility-map/versions/${r.a.mapVersion}`) },
  'GET /api/canned-responses/:id': { code: 'CANNED_RESPONSE_NOT_FOUND', call: (r) => h(r).get(`/api/canned-responses/${r.a.cannedId}`) },
  'PATCH /api/canned-responses/:id': { code: 'CANNED_RESPONSE_NOT_FOUND', call: (r) => h(r).patch(`/api/canned-responses/${r.a.cannedId}`).send({ text: 'planted' }) },
  'DELETE /api/canned-responses/:id': { code: 'CANNED_RESPONSE_NOT_FOUND', call: (r) => h(r).delete(`/api/canned-responses/${r.a.cannedId}`) },
  'POST /api/canned-responses/:id/render': { code: 'CANNED_RESPONSE_NOT_FOUND', call: (r) => h(r).post(`/api/canned-responses/${r.a.cannedId}/render`).send({}) },
  'GET /api/business-hours/:id': { code: 'BUSINESS_HOURS_NOT_FOUND', call: (r) => h(r).get(`/api/business-hours/${r.a.businessHoursId}`) },
  'PATCH /api/business-hours/:id': { code: 'BUSINESS_HOURS_NOT_FOUND', call: (r) => h(r).patch(`/api/business-hours/${r.a.businessHoursId}`).send({ name: 'Taken over' }) },
  'DELETE /api/business-hours/:id': { code: 'BUSINESS_HOURS_NOT_FOUND', call: (r) => h(r).delete(`/api/business-hours/${r.a.businessHoursId}`) },
  'GET /api/sla-policies/:id': { code: 'SLA_POLICY_NOT_FOUND', call: (r) => h(r).get(`/api/sla-policies/${r.a.slaPolicyId}`) },
  'PATCH /api/sla-policies/:id': { code: 'SLA_POLICY_NOT_FOUND', call: (r) => h(r).patch(`/api/sla-policies/${r.a.slaPolicyId}`).send({ name: 'Taken over' }) },
  'DELETE /api/sla-policies/:id': { code: 'SLA_POLICY_NOT_FOUND', call: (r) => h(r).delete(`/api/sla-policies/${r.a.slaPolicyId}`) },
};

/** Routes naming two rows, with B's own first one and A's second: still 404, naming the one not found. */
export const MIXED_IDS: Array<[string, string, (r: Reach) => Test]> = [
  ['GET /api/channels/:id/events/:eventId', 'EVENT_NOT_FOUND', (r) => h(r).get(`/api/channels/${r.b.channel.id}/events/${r.a.eventId}`)],
  ['POST /api/channels/:id/events/:eventId/replay', 'EVENT_NOT_FOUND', (r) => h(r).post(`/api/channels/${r.b.channel.id}/events/${r.a.eventId}/replay`)],
  ['POST /api/conversations/:id/replies/:messageId/approve', 'MESSAGE_NOT_FOUND', (r) => h(r).post(`/api/conversations/${r.b.conversationId}/replies/${r.a.heldReplyId}/approve`)],
  ['POST /api/conversations/:id/replies/:messageId/reject', 'MESSAGE_NOT_FOUND', (r) => h(r).post(`/api/conversations/${r.b.conversationId}/replies/${r.a.heldReplyId}/reject`).send({})],
  ['POST /api/contacts/:id/merge', 'CONTACT_NOT_FOUND', (r) => h(r).post(`/api/contacts/${r.b.contactId}/merge`).send({ contactId: r.a.contactId })],
  ['POST /api/canned-responses/:id/render', 'CONVERSATION_NOT_FOUND', (r) => h(r).post(`/api/canned-responses/${r.b.cannedId}/render`).send({ conversationId: r.a.conversationId })],
];

/** Bodies naming A's rows from B: refused as rows B does not have. */
export const FOREIGN_REFERENCES: Array<[string, number, string, (r: Reach) => Test]> = [
  ['assignment to A’s role', 404, 'ROLE_NOT_FOUND', (r) => h(r).post(`/api/conversations/${r.b.conversationId}/assignment`).send({ roleId: r.a.roleId })],
  ['assignment to A’s agent', 404, 'USER_NOT_FOUND', (r) => h(r).post(`/api/conversations/${r.b.conversationId}/assignment`).send({ assigneeId: r.a.agent.id })],
  ['bulk assignment to A’s role', 404, 'ROLE_NOT_FOUND', (r) => h(r).post('/api/conversations/bulk-assignment').send({ conversationIds: [r.b.conversationId], roleId: r.a.roleId })],
  ['role members from A', 404, 'USER_NOT_FOUND', (r) => h(r).put(`/api/roles/${r.b.roleId}/members`).send({ members: [{ userId: r.a.agent.id }] })],
  ['role escalating to A’s role', 404, 'ROLE_NOT_FOUND', (r) => h(r).post('/api/roles').send({ name: 'Escalates', escalationRoleId: r.a.roleId })],
  ['role on A’s business hours', 404, 'BUSINESS_HOURS_NOT_FOUND', (r) => h(r).patch(`/api/roles/${r.b.roleId}`).send({ businessHoursId: r.a.businessHoursId })],
  ['map defaulting to A’s role', 400, 'VALIDATION_FAILED', (r) => h(r).put('/api/responsibility-map').send({ defaultRoleId: r.a.roleId, rules: [] })],
  [
    'map rule on A’s channel',
    400,
    'VALIDATION_FAILED',
    (r) => h(r).put('/api/responsibility-map').send({ defaultRoleId: r.b.roleId, rules: [{ name: 'x', when: { channelIds: [r.a.channel.id] }, then: { roleId: r.b.roleId } }] }),
  ],
  ['SLA policy on A’s business hours', 404, 'BUSINESS_HOURS_NOT_FOUND', (r) => h(r).post('/api/sla-policies').send({ name: 'x', when: {}, firstResponseSeconds: 60, businessHoursId: r.a.businessHoursId })],
  ['SLA policy for A’s role', 404, 'ROLE_NOT_FOUND', (r) => h(r).post('/api/sla-policies').send({ name: 'x', when: { roleIds: [r.a.roleId] }, firstResponseSeconds: 60 })],
  ['canned response of A’s role', 404, 'ROLE_NOT_FOUND', (r) => h(r).post('/api/canned-responses').send({ name: 'x', text: 'x', roleId: r.a.roleId })],
];

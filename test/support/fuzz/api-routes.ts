import type { TestDesk } from '../desk';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../desk';
import { NO_SUCH } from '../http';

/** The rows a valid request names: made once by the spec, before the fuzzing. */
export interface Ids {
  workspaceId: string;
  channelId: string;
  eventId: string;
  conversationId: string;
  messageId: string;
  contactId: string;
  otherContactId: string;
  roleId: string;
  otherRoleId: string;
  userId: string;
  agentId: string;
  cannedId: string;
  businessHoursId: string;
  slaPolicyId: string;
}

type Value = string | (() => Promise<string>);

/** A valid request of one route: path parameters, query and JSON body, as the contract and the e2e tests send them. */
export interface Example {
  params?: Record<string, Value>;
  query?: Record<string, string>;
  body?: unknown;
}

let serial = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`;

/**
 * Every route the desk serves, as Express holds it (`GET /api/users/:id`), with a valid example request. The
 * fuzz spec checks that this table and the running app's router name the same routes, so a new route cannot go
 * unfuzzed. DELETE examples get a fresh victim each time (`victims`), so they do not remove what the others need.
 */
export function exampleRoutes(ids: Ids, victims: Record<'role' | 'channel' | 'canned' | 'hours' | 'policy', () => Promise<string>>): Record<string, Example> {
  const conversation = { id: ids.conversationId };
  const weekly = [{ day: 1, from: '09:00', to: '13:00' }, { day: 1, from: '14:00', to: '18:00' }, { day: 7, from: '22:00', to: '02:00' }];
  return {
    'GET /health': {},
    'POST /api/auth/login': { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, workspaceId: ids.workspaceId } },
    'POST /api/auth/switch': { body: { workspaceId: ids.workspaceId } },
    'GET /api/me': {},
    'GET /api/presence': {},
    'GET /api/workload': {},
    'POST /api/users': { body: { email: `${unique('user')}@fuzz.example`, name: 'Fuzz User', password: 'password-123', access: 'agent' } },
    'GET /api/users': {},
    'GET /api/users/:id': { params: { id: ids.userId } },
    'PATCH /api/users/:id': { params: { id: ids.userId }, body: { name: 'Renamed', password: 'password-456', access: 'lead', active: true } },
    'POST /api/workspaces': { body: { name: unique('Brand'), timezone: 'Europe/Rome' } },
    'GET /api/workspace': {},
    'GET /api/workspace/settings': {},
    'PUT /api/workspace/settings': { body: { timezone: 'Europe/Rome', consistency: { period: 'week', minAttainment: 0.9 } } },
    'POST /api/channels': { body: { type: 'api', name: 'Fuzz API', config: { secret: 'fuzz-secret', replyUrl: 'http://127.0.0.1:9/reply', apiBaseUrl: 'http://127.0.0.1:9' } } },
    'GET /api/channels': {},
    'GET /api/channels/:id': { params: { id: ids.channelId } },
    'PATCH /api/channels/:id': { params: { id: ids.channelId }, body: { name: 'Renamed channel', config: { replyUrl: null } } },
    'DELETE /api/channels/:id': { params: { id: victims.channel } },
    'GET /api/channels/:id/events': { params: { id: ids.channelId }, query: { status: 'processed', limit: '5' } },
    'GET /api/channels/:id/events/:eventId': { params: { id: ids.channelId, eventId: ids.eventId } },
    'POST /api/channels/:id/events/replay': { params: { id: ids.channelId } },
    'POST /api/channels/:id/events/:eventId/replay': { params: { id: ids.channelId, eventId: ids.eventId } },
    'GET /api/contacts/:id': { params: { id: ids.contactId } },
    'POST /api/contacts/:id/merge': { params: { id: ids.contactId }, body: { contactId: ids.otherContactId } },
    'GET /api/conversations': {
      query: { status: 'open', roleId: ids.roleId, assigneeId: 'me', channelId: ids.channelId, contactId: ids.contactId, kind: 'comment', priority: 'normal', sla: 'at_risk', tag: 'vip', q: 'ordine', limit: '10' },
    },
    'GET /api/conversations/:id': { params: conversation },
    'GET /api/conversations/:id/history': { params: conversation },
    'POST /api/conversations/:id/replies': { params: conversation, body: { text: 'Grazie, ci pensiamo noi 🙏' } },
    'POST /api/conversations/:id/replies/check': { params: conversation, body: { text: 'Ti mando un avvocato' } },
    'POST /api/conversations/:id/replies/:messageId/approve': { params: { ...conversation, messageId: ids.messageId } },
    'POST /api/conversations/:id/replies/:messageId/reject': { params: { ...conversation, messageId: ids.messageId }, body: { reason: 'tone' } },
    'POST /api/conversations/:id/notes': { params: conversation, body: { text: 'internal note' } },
    'POST /api/conversations/:id/status': { params: conversation, body: { status: 'snoozed', snoozeUntil: '2030-01-01T09:00:00.000Z' } },
    'PUT /api/conversations/:id/tags': { params: conversation, body: { tags: ['vip', 'refund'] } },
    'POST /api/conversations/:id/priority': { params: conversation, body: { priority: 'high' } },
    'POST /api/conversations/:id/assignment': { params: conversation, body: { roleId: ids.roleId, assigneeId: ids.agentId, reason: 'fuzz' } },
    'POST /api/conversations/bulk-assignment': { body: { conversationIds: [ids.conversationId, NO_SUCH], roleId: ids.roleId, assigneeId: null, reason: 'bulk' } },
    'POST /api/roles': {
      body: { name: unique('Role'), description: 'd', assignment: 'least_busy', escalationRoleId: ids.otherRoleId, acceptanceSeconds: 600, businessHoursId: ids.businessHoursId },
    },
    'GET /api/roles': {},
    'GET /api/roles/:id': { params: { id: ids.roleId } },
    'PATCH /api/roles/:id': { params: { id: ids.roleId }, body: { description: 'care', assignment: 'round_robin', acceptanceSeconds: null } },
    'DELETE /api/roles/:id': { params: { id: victims.role } },
    'PUT /api/roles/:id/members': { params: { id: ids.roleId }, body: { members: [{ userId: ids.agentId, capacity: 5 }] } },
    'GET /api/roles/:id/queue': { params: { id: ids.roleId }, query: { limit: '10' } },
    'GET /api/responsibility-map': {},
    'PUT /api/responsibility-map': {
      body: {
        defaultRoleId: ids.roleId,
        rules: [
          { name: 'Refunds', when: { channelTypes: ['api'], kinds: ['comment'], keywords: ['rimborso', 'money back'], languages: ['it'], sentiment: ['negative'], minFollowers: 0 }, then: { roleId: ids.otherRoleId, priority: 'high', tags: ['refund'] } },
          { name: 'Channel', when: { channelIds: [ids.channelId] }, then: { roleId: ids.roleId } },
        ],
      },
    },
    'GET /api/responsibility-map/versions': {},
    'GET /api/responsibility-map/versions/:version': { params: { version: '1' } },
    'POST /api/responsibility-map/dry-run': { body: { channelType: 'api', kind: 'comment', text: 'Servizio pessimo, voglio il rimborso 😡', followers: 100, channelId: ids.channelId } },
    'GET /api/canned-responses': { query: { roleId: 'none', q: 'grazie' } },
    'POST /api/canned-responses': { body: { name: unique('Canned'), text: 'Ciao {{contact.firstName}}, grazie! {{agent.firstName}}', roleId: ids.roleId, shortcut: unique('s').slice(0, 30), language: 'it' } },
    'GET /api/canned-responses/:id': { params: { id: ids.cannedId } },
    'PATCH /api/canned-responses/:id': { params: { id: ids.cannedId }, body: { text: 'Grazie {{contact.firstName}}', shortcut: null, language: 'en', roleId: null } },
    'DELETE /api/canned-responses/:id': { params: { id: victims.canned } },
    'POST /api/canned-responses/:id/render': { params: { id: ids.cannedId }, body: { conversationId: ids.conversationId } },
    'GET /api/reply-policy': {},
    'PUT /api/reply-policy': { body: { blockTerms: ['idiota'], warnTerms: ['garantito'], approvalTopics: [{ name: 'Legal', terms: ['avvocato', 'lawsuit'] }] } },
    'GET /api/replies/held': { query: { limit: '10' } },
    'POST /api/business-hours': { body: { name: unique('Hours'), timezone: 'Europe/Rome', weekly, holidays: ['2026-12-25', '2026-01-01'] } },
    'GET /api/business-hours': {},
    'GET /api/business-hours/:id': { params: { id: ids.businessHoursId } },
    'PATCH /api/business-hours/:id': { params: { id: ids.businessHoursId }, body: { name: 'Office', weekly, holidays: [] } },
    'DELETE /api/business-hours/:id': { params: { id: victims.hours } },
    'POST /api/sla-policies': {
      body: { name: unique('Policy'), when: { priorities: ['high'], channelTypes: ['api'], roleIds: [ids.roleId], kinds: ['comment'] }, firstResponseSeconds: 900, nextResponseSeconds: 1800, resolutionSeconds: 86400, businessHoursId: ids.businessHoursId, warnAtPercent: 80, onBreach: 'escalate' },
    },
    'GET /api/sla-policies': {},
    'POST /api/sla-policies/reapply': {},
    'GET /api/sla-policies/:id': { params: { id: ids.slaPolicyId } },
    'PATCH /api/sla-policies/:id': { params: { id: ids.slaPolicyId }, body: { firstResponseSeconds: 600, businessHoursId: null, when: { priorities: ['urgent'] } } },
    'DELETE /api/sla-policies/:id': { params: { id: victims.policy } },
    'GET /api/sla/board': { query: { limit: '10' } },
    'GET /api/reports/sla': { query: { from: '2026-01-01', to: '2026-02-01T00:00:00+01:00', groupBy: 'role' } },
    'GET /api/reports/sentiment': { query: { from: '2026-01-01', to: '2026-02-01T00:00:00+01:00', groupBy: 'role' } },
  };
}

/** What the running app routes, as `METHOD /path/:param`, the docs aside. */
export function servedRoutes(desk: TestDesk): string[] {
  const router = (desk.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  const routes = router.stack
    .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
    .flatMap(({ route }) => Object.keys(route!.methods).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${route!.path}`));
  return [...new Set(routes)].sort();
}

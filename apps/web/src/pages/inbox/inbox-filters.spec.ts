import type { Conversation } from '../../api/types';
import { conversationFixture } from '../../testing/conversation-fixture';
import { defaultFilters, listParams, matches, parseFilters, queuesFor, serializeFilters, surelyFound, type InboxFilters, type Viewer } from './inbox-filters';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CARE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PR = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CHANNEL = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const agent: Viewer = { id: ME, access: 'agent', roleIds: new Set([CARE]) };
const lead: Viewer = { id: ME, access: 'lead', roleIds: new Set() };
const supervisor: Viewer = { id: ME, access: 'supervisor', roleIds: new Set() };

function conversation(fields: Partial<Conversation> = {}): Conversation {
  return conversationFixture({
    channelId: CHANNEL,
    channelType: 'instagram',
    roleId: CARE,
    assigneeId: ME,
    contact: { id: 'p1', name: 'Maria Rossi', username: 'maria.rossi', followers: 1520 },
    language: 'it',
    sentiment: 'neutral',
    preview: 'Vorrei prenotare un tavolo per sabato',
    waitingSince: '2026-03-02T10:00:00.000Z',
    ...fields,
  });
}

const filters = (viewer: Viewer, f: Partial<InboxFilters> = {}): InboxFilters => ({ ...defaultFilters(viewer), ...f });

describe('inbox queues and filters', () => {
  it('offers an agent their own work, their roles’ queue and all they can see; leads also each role’s queue', () => {
    expect(queuesFor(agent, [CARE, PR])).toEqual(['mine', 'unassigned', 'all']);
    expect(queuesFor(lead, [CARE, PR])).toEqual(['mine', 'unassigned', 'all', `role:${CARE}`, `role:${PR}`]);
    // Supervisors hold no conversations: no "mine".
    expect(queuesFor(supervisor, [CARE])).toEqual(['unassigned', 'all', `role:${CARE}`]);
  });

  it('starts an agent on their open conversations and everyone else on everything open', () => {
    expect(defaultFilters(agent)).toMatchObject({ queue: 'mine', status: 'open' });
    expect(defaultFilters(lead)).toMatchObject({ queue: 'all', status: 'open' });
  });

  it('reads the hash query back as it wrote it, so a deep link keeps the filters', () => {
    const f = filters(lead, { queue: `role:${PR}`, status: 'pending', channelId: CHANNEL, kind: 'mention', priority: 'urgent', roleId: CARE, sla: 'breached', q: 'rimborso' });
    const text = serializeFilters(f);
    expect(text).toBe(`queue=role%3A${PR}&status=pending&channel=${CHANNEL}&kind=mention&priority=urgent&role=${CARE}&sla=breached&q=rimborso`);
    expect(parseFilters(new URLSearchParams(text), lead)).toEqual(f);
    expect(serializeFilters(filters(agent, { status: 'any' }))).toBe('queue=mine&status=any');
  });

  it('ignores what is unknown or not this viewer’s to use, falling back to the defaults', () => {
    const q = new URLSearchParams(`queue=role:${PR}&status=closed&kind=post&priority=meh&channel=not-a-uuid&role=${CARE}&sla=late`);
    expect(parseFilters(q, agent)).toEqual(defaultFilters(agent));
    expect(parseFilters(new URLSearchParams('queue=mine'), supervisor).queue).toBe('all');
    expect(parseFilters(new URLSearchParams('queue=role:xyz'), lead).queue).toBe('all');
  });

  it('asks the API with the contract’s parameters', () => {
    expect(listParams(filters(agent))).toEqual({ status: 'open', assigneeId: 'me', roleId: undefined, channelId: undefined, kind: undefined, priority: undefined, sla: undefined, q: undefined });
    expect(listParams(filters(agent, { queue: 'unassigned', status: 'any' }))).toMatchObject({ status: undefined, assigneeId: 'none' });
    expect(listParams(filters(lead, { queue: `role:${PR}`, roleId: CARE }))).toMatchObject({ assigneeId: 'none', roleId: PR });
    expect(listParams(filters(lead, { roleId: CARE, sla: 'at_risk', q: '  tavolo ', kind: 'message' }))).toMatchObject({
      assigneeId: undefined,
      roleId: CARE,
      sla: 'at_risk',
      q: 'tavolo',
      kind: 'message',
    });
  });
});

describe('whether a live conversation belongs in the list', () => {
  it('mine: only what is assigned to me', () => {
    const f = filters(agent);
    expect(matches(conversation(), f, agent)).toBe(true);
    expect(matches(conversation({ assigneeId: OTHER }), f, agent)).toBe(false);
    expect(matches(conversation({ assigneeId: null }), f, agent)).toBe(false);
  });

  it('an agent’s unassigned queue: unassigned in one of their roles only', () => {
    const f = filters(agent, { queue: 'unassigned' });
    expect(matches(conversation({ assigneeId: null }), f, agent)).toBe(true);
    expect(matches(conversation({ assigneeId: null, roleId: PR }), f, agent)).toBe(false);
    expect(matches(conversation({ assigneeId: null, roleId: null }), f, agent)).toBe(false);
    expect(matches(conversation({ assigneeId: null, roleId: null }), filters(lead, { queue: 'unassigned' }), lead)).toBe(true);
  });

  it('all I can see: an agent’s own and their roles’; a lead everything', () => {
    const f = filters(agent, { queue: 'all' });
    expect(matches(conversation({ assigneeId: OTHER }), f, agent)).toBe(true);
    expect(matches(conversation({ assigneeId: ME, roleId: PR }), f, agent)).toBe(true);
    // Reassigned to someone in another role: gone from the agent's view.
    expect(matches(conversation({ assigneeId: OTHER, roleId: PR }), f, agent)).toBe(false);
    expect(matches(conversation({ assigneeId: OTHER, roleId: PR }), filters(lead, { queue: 'all' }), lead)).toBe(true);
  });

  it('a role’s queue: that role, unassigned', () => {
    const f = filters(lead, { queue: `role:${PR}` });
    expect(matches(conversation({ roleId: PR, assigneeId: null }), f, lead)).toBe(true);
    expect(matches(conversation({ roleId: PR, assigneeId: OTHER }), f, lead)).toBe(false);
    expect(matches(conversation({ roleId: CARE, assigneeId: null }), f, lead)).toBe(false);
  });

  it('every filter must hold', () => {
    const c = conversation({ status: 'open', kind: 'message', priority: 'high', sla: { ...conversation().sla, state: 'warning' } });
    expect(matches(c, filters(agent, { kind: 'message', priority: 'high', sla: 'at_risk', channelId: CHANNEL }), agent)).toBe(true);
    expect(matches(c, filters(agent, { status: 'resolved' }), agent)).toBe(false);
    expect(matches(c, filters(agent, { status: 'any' }), agent)).toBe(true);
    expect(matches(c, filters(agent, { kind: 'comment' }), agent)).toBe(false);
    expect(matches(c, filters(agent, { priority: 'urgent' }), agent)).toBe(false);
    expect(matches(c, filters(agent, { sla: 'breached' }), agent)).toBe(false);
    expect(matches(c, filters(agent, { channelId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd' }), agent)).toBe(false);
    expect(matches(c, filters(lead, { queue: 'all', roleId: PR }), lead)).toBe(false);
  });

  it('search: vouches only for words found in the contact, subject or first line, accents aside', () => {
    const c = conversation({ contact: { id: 'p', name: 'Niccolò Bianchi', username: 'nicco', followers: null }, preview: 'Il tiramisù era ottimo' });
    expect(surelyFound(c, '')).toBe(true);
    expect(surelyFound(c, 'niccolo')).toBe(true);
    expect(surelyFound(c, 'TIRAMISU ottimo')).toBe(true);
    expect(surelyFound(c, 'tiramisu pessimo')).toBe(false);
    expect(surelyFound(conversation({ preview: null, subject: null, contact: null }), 'x')).toBe(false);
  });
});

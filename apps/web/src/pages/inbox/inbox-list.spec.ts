import type { Conversation } from '../../api/types';
import { conversationFixture } from '../../testing/conversation-fixture';
import { ageOf } from './age';
import { appendPage, applyConversation, dropConversation, EMPTY_LIST, hasHeldChanges, isStale, loaded, release, type ListState, type Rules } from './inbox-list';

let n = 0;
function conversation(id: string, minute: number, fields: Partial<Conversation> = {}): Conversation {
  return conversationFixture({
    id,
    roleId: 'care',
    assigneeId: 'me',
    preview: `text ${++n}`,
    lastMessageAt: new Date(Date.UTC(2026, 2, 2, 10, minute)).toISOString(),
    createdAt: '2026-03-02T09:00:00.000Z',
    ...fields,
  });
}

// "Mine, open": the rules the page builds from matches() and surelyFound().
const rules: Rules = {
  keeps: (c) => c.assigneeId === 'me' && c.status === 'open',
  admits: (c) => c.assigneeId === 'me' && c.status === 'open' && c.kind !== 'mention',
};
const ids = (s: ListState) => s.rows.map((r) => r.id);
const apply = (s: ListState, c: Conversation, held = false) => applyConversation(s, c, rules, held);

describe('the inbox list under live changes', () => {
  const base = () => loaded({ items: [conversation('c', 30), conversation('b', 20), conversation('a', 10)], nextCursor: null });

  it('inserts a new conversation that belongs here in the server’s order', () => {
    const r = apply(base(), conversation('d', 40));
    expect(r.change).toBe('inserted');
    expect(ids(r.state)).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(apply(base(), conversation('m', 15)).state)).toEqual(['c', 'b', 'm', 'a']);
  });

  it('ignores a new conversation that does not belong here, or that search cannot vouch for', () => {
    expect(apply(base(), conversation('d', 40, { assigneeId: 'other' })).change).toBe('ignored');
    expect(apply(base(), conversation('d', 40, { kind: 'mention' })).change).toBe('ignored');
  });

  it('updates a row in place and, when not held, moves it up with new activity', () => {
    const r = apply(base(), conversation('a', 50, { preview: 'new words' }));
    expect(r.change).toBe('updated');
    expect(ids(r.state)).toEqual(['a', 'c', 'b']);
    expect(r.state.rows[0]!.preview).toBe('new words');
  });

  it('while held, never inserts above or removes: new ones wait, leavers are marked, updates stay in place', () => {
    let s = base();
    let r = apply(s, conversation('d', 40), true);
    expect(r.change).toBe('held');
    s = r.state;
    expect(ids(s)).toEqual(['c', 'b', 'a']);
    expect(s.incoming.map((c) => c.id)).toEqual(['d']);

    r = apply(s, conversation('a', 50, { preview: 'moved?' }), true);
    expect(r.change).toBe('updated');
    s = r.state;
    expect(ids(s)).toEqual(['c', 'b', 'a']);

    r = apply(s, conversation('c', 30, { assigneeId: 'other', version: 2 }), true);
    expect(r.change).toBe('departed');
    s = r.state;
    expect(ids(s)).toEqual(['c', 'b', 'a']);
    expect(s.rows[0]!.assigneeId).toBe('other');
    expect(s.departed.has('c')).toBe(true);
    expect(hasHeldChanges(s)).toBe(true);

    const after = release(s);
    expect(ids(after)).toEqual(['a', 'd', 'b']);
    expect(after.incoming).toEqual([]);
    expect(after.departed.size).toBe(0);
    expect(hasHeldChanges(after)).toBe(false);
  });

  it('a departed row that comes back is kept', () => {
    let s = apply(base(), conversation('c', 30, { assigneeId: 'other', version: 2 }), true).state;
    s = apply(s, conversation('c', 30, { assigneeId: 'me', version: 3 }), true).state;
    expect(s.departed.size).toBe(0);
    expect(ids(release(s))).toEqual(['c', 'b', 'a']);
  });

  it('removes a row that left the view when not held (reassigned away, resolved while viewing open)', () => {
    let r = apply(base(), conversation('b', 20, { assigneeId: 'other', version: 2 }));
    expect(r.change).toBe('removed');
    expect(ids(r.state)).toEqual(['c', 'a']);
    r = apply(r.state, conversation('c', 30, { status: 'resolved', version: 2 }));
    expect(ids(r.state)).toEqual(['a']);
  });

  it('keeps a held-back arrival up to date, and drops it if it leaves before release', () => {
    let s = apply(base(), conversation('d', 40), true).state;
    s = apply(s, conversation('d', 41, { preview: 'second message' }), true).state;
    expect(s.incoming[0]!.preview).toBe('second message');
    const r = apply(s, conversation('d', 41, { assigneeId: 'other', version: 2 }), true);
    expect(r.change).toBe('removed');
    expect(r.state.incoming).toEqual([]);
  });

  it('ignores a copy older than the one shown (a slow fetch answering after a newer event)', () => {
    const s = apply(base(), conversation('b', 20, { assigneeId: 'me', version: 5, preview: 'latest' })).state;
    expect(isStale(conversation('b', 20, { version: 4 }), s.rows[1]!)).toBe(true);
    const r = apply(s, conversation('b', 20, { assigneeId: 'other', version: 4 }));
    expect(r.change).toBe('ignored');
    expect(r.state).toBe(s);
    expect(isStale(conversation('b', 19, { version: 5 }), s.rows[1]!)).toBe(true);
    // The same version with an SLA change (no version bump) is news.
    expect(isStale(conversation('b', 20, { version: 5 }), s.rows[1]!)).toBe(false);
  });

  it('keeps the preview it had when an event lacks the field', () => {
    const s = apply(base(), { ...conversation('b', 25), preview: undefined }).state;
    expect(s.rows.find((r) => r.id === 'b')!.preview).toMatch(/^text /);
  });

  it('leaves an older arrival below the last row to "Load more" when more pages remain', () => {
    const s = loaded({ items: [conversation('c', 30), conversation('b', 20)], nextCursor: 'cursor' });
    expect(apply(s, conversation('x', 5)).change).toBe('ignored');
    expect(apply(s, conversation('y', 25)).change).toBe('inserted');
  });

  it('appends the next page without repeating rows inserted live', () => {
    let s = loaded({ items: [conversation('c', 30)], nextCursor: 'k' });
    s = apply(s, conversation('d', 40)).state;
    s = appendPage(s, { items: [conversation('d', 40), conversation('b', 20)], nextCursor: null });
    expect(ids(s)).toEqual(['d', 'c', 'b']);
    expect(s.nextCursor).toBeNull();
  });

  it('drops a conversation the viewer can no longer read, or marks it while held', () => {
    expect(ids(dropConversation(base(), 'b', false).state)).toEqual(['c', 'a']);
    const held = dropConversation(base(), 'b', true);
    expect(held.change).toBe('departed');
    expect(ids(held.state)).toEqual(['c', 'b', 'a']);
    expect(dropConversation(EMPTY_LIST, 'b', false).change).toBe('ignored');
  });
});

describe('the age of the last activity', () => {
  const now = Date.UTC(2026, 2, 2, 12, 0);
  it('says just now, then minutes, hours, days, and the date after a week', () => {
    expect(ageOf(now - 10_000, now)).toEqual({ kind: 'now' });
    expect(ageOf(now + 5_000, now)).toEqual({ kind: 'now' });
    expect(ageOf(now - 50_000, now)).toEqual({ kind: 'relative', value: 1, unit: 'minute' });
    expect(ageOf(now - 59 * 60_000, now)).toEqual({ kind: 'relative', value: 59, unit: 'minute' });
    expect(ageOf(now - 3.5 * 3600_000, now)).toEqual({ kind: 'relative', value: 3, unit: 'hour' });
    expect(ageOf(now - 2 * 86400_000, now)).toEqual({ kind: 'relative', value: 2, unit: 'day' });
    expect(ageOf(now - 8 * 86400_000, now)).toEqual({ kind: 'date' });
  });
});

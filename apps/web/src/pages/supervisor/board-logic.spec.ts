import type { Conversation, SlaState } from '../../api/types';
import { conversationFixture, NO_SLA } from '../../testing/conversation-fixture';
import { ANY_FILTER, filterRows, findAnchor, NO_ROLE, rowTone, summarize, toBoardRows, type BoardItem } from './board-logic';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');

function conversation(id: string, state: SlaState, extra: Partial<Conversation> = {}): Conversation {
  const at = new Date(T0).toISOString();
  return conversationFixture({ id, channelId: 'ch-1', roleId: 'role-care', lastMessageAt: at, createdAt: at, sla: { ...NO_SLA, policyId: 'p', state }, ...extra });
}

const item = (c: Conversation, target: BoardItem['target'], secondsFromT0: number): BoardItem => ({
  conversation: c,
  target,
  dueAt: new Date(T0 + secondsFromT0 * 1000).toISOString(),
  remainingSeconds: secondsFromT0,
});

describe('board rows', () => {
  it('orders clocks soonest first and marks each conversation’s soonest clock', () => {
    const a = conversation('a', 'ok');
    const b = conversation('b', 'breached');
    const rows = toBoardRows([item(a, 'resolution', 600), item(a, 'first_response', 60), item(b, 'first_response', -30)], T0);
    expect(rows.map((r) => [r.key, r.leads])).toEqual([
      ['b:first_response', true],
      ['a:first_response', true],
      ['a:resolution', false],
    ]);
  });

  it('keeps the server’s due instant when the clocks agree, and corrects a browser clock that is minutes off', () => {
    const c = conversation('a', 'ok');
    expect(toBoardRows([item(c, 'first_response', 60)], T0 + 800)[0]!.dueAt).toBe(T0 + 60_000);
    // The browser runs 10 minutes ahead: the countdown must still show one minute left.
    const ahead = T0 + 600_000;
    expect(toBoardRows([item(c, 'first_response', 60)], ahead)[0]!.dueAt).toBe(ahead + 60_000);
  });

  it('turns a row red once past due, before the server’s breach, and amber only on the conversation’s soonest clock', () => {
    const warned = conversation('a', 'warning');
    const [first, resolution] = toBoardRows([item(warned, 'first_response', 10), item(warned, 'resolution', 3600)], T0);
    expect(rowTone(first!, T0)).toBe('warning');
    expect(rowTone(resolution!, T0)).toBe('ok');
    expect(rowTone(first!, T0 + 10_000)).toBe('breached');
    const quiet = toBoardRows([item(conversation('b', 'ok'), 'first_response', 5)], T0)[0]!;
    expect(rowTone(quiet, T0 + 4_999)).toBe('ok');
    expect(rowTone(quiet, T0 + 5_000)).toBe('breached');
  });

  it('counts running, at-risk and breached clocks as they are now', () => {
    const rows = toBoardRows(
      [item(conversation('a', 'breached'), 'first_response', -5), item(conversation('b', 'warning'), 'first_response', 30), item(conversation('c', 'ok'), 'first_response', 90)],
      T0,
    );
    expect(summarize(rows, T0)).toEqual({ running: 3, atRisk: 1, breached: 1 });
    expect(summarize(rows, T0 + 31_000)).toEqual({ running: 3, atRisk: 0, breached: 2 });
  });

  it('filters by role (also "no role"), channel and target', () => {
    const rows = toBoardRows(
      [
        item(conversation('a', 'ok', { roleId: null }), 'first_response', 10),
        item(conversation('b', 'ok', { channelId: 'ch-2' }), 'resolution', 20),
        item(conversation('c', 'ok', { roleId: 'role-pr' }), 'first_response', 30),
      ],
      T0,
    );
    const ids = (f: Partial<typeof ANY_FILTER>) => filterRows(rows, { ...ANY_FILTER, ...f }).map((r) => r.conversation.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ roleId: NO_ROLE })).toEqual(['a']);
    expect(ids({ roleId: 'role-care' })).toEqual(['b']);
    expect(ids({ channelId: 'ch-2' })).toEqual(['b']);
    expect(ids({ target: 'first_response', roleId: 'role-pr' })).toEqual(['c']);
  });
});

describe('scroll anchor', () => {
  const rows = [
    { key: 'a', top: 0, bottom: 40 },
    { key: 'b', top: 40, bottom: 80 },
    { key: 'c', top: 80, bottom: 120 },
  ];
  it('is the first row still visible, with its offset from the top edge', () => {
    expect(findAnchor(rows, 50)).toEqual({ key: 'b', offset: -10 });
    expect(findAnchor(rows, 80)).toEqual({ key: 'c', offset: 0 });
  });
  it('is none at the top of the list, so new rows appear above', () => {
    expect(findAnchor(rows, 0)).toBeNull();
  });
});

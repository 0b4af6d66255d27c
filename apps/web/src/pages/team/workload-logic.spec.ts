import type { MemberLoad } from '../../components/workload';
import { keepSelected, loadOf, mergePresence, presenceOf, toggleAll, toggleOne } from './workload-logic';
import type { PresenceEntry } from './team-types';

const member = (over: Partial<MemberLoad>): MemberLoad => ({ userId: 'u1', name: 'Anna', access: 'agent', presence: 'offline', open: 0, roles: [], ...over });

describe('load against capacity', () => {
  it('fills the bar by share, turns busy at 80 % and full at capacity', () => {
    expect(loadOf(1, 4)).toEqual({ share: 0.25, tone: 'free', label: '1/4' });
    expect(loadOf(4, 5)).toEqual({ share: 0.8, tone: 'busy', label: '4/5' });
    expect(loadOf(5, 5)).toEqual({ share: 1, tone: 'full', label: '5/5' });
  });

  it('counts a lead assigning beyond capacity as full, with the bar filled once', () => {
    expect(loadOf(7, 5)).toEqual({ share: 1, tone: 'full', label: '7/5' });
  });

  it('treats capacity 0 as full at once and no capacity as unlimited', () => {
    expect(loadOf(0, 0).tone).toBe('full');
    expect(loadOf(12, null)).toEqual({ share: 0, tone: 'unlimited', label: '12/∞' });
  });
});

describe('presence', () => {
  const at = (userId: string, status: PresenceEntry['status'], since: string): PresenceEntry => ({ userId, status, since });

  it('keeps the newer status whichever arrives last', () => {
    const live = mergePresence(new Map(), [at('a', 'online', '2026-03-01T10:00:05Z')]);
    const afterStaleList = mergePresence(live, [at('a', 'offline', '2026-03-01T09:00:00Z'), at('b', 'away', '2026-03-01T09:00:00Z')]);
    expect(afterStaleList.get('a')!.status).toBe('online');
    expect(afterStaleList.get('b')!.status).toBe('away');
    expect(mergePresence(afterStaleList, [at('a', 'offline', '2026-03-01T10:00:06Z')]).get('a')!.status).toBe('offline');
  });

  it('falls back to the workload’s presence for members not heard of live', () => {
    expect(presenceOf(member({ presence: 'away' }), new Map())).toBe('away');
    expect(presenceOf(member({ presence: 'away' }), new Map([['u1', at('u1', 'online', '2026-03-01T10:00:00Z')]]))).toBe('online');
  });
});

describe('selection', () => {
  it('toggles one row and all rows', () => {
    expect([...toggleOne(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggleOne(new Set(['a', 'b']), 'a')]).toEqual(['b']);
    expect([...toggleAll(new Set(['a']), ['a', 'b'])]).toEqual(['a', 'b']);
    expect([...toggleAll(new Set(['a', 'b']), ['a', 'b'])]).toEqual([]);
    expect([...toggleAll(new Set(), [])]).toEqual([]);
  });

  it('drops rows that left the list on reload', () => {
    expect([...keepSelected(new Set(['a', 'b', 'c']), ['c', 'a', 'd'])]).toEqual(['a', 'c']);
  });
});

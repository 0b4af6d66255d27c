import type { Conversation } from '../../api/types';
import { isChannelType, isKnownHistoryType, isSlaLine, pastConversations } from './panel-logic';

describe('pastConversations', () => {
  it('leaves out the open conversation and puts the latest activity first', () => {
    const c = (id: string, lastMessageAt: string) => ({ id, lastMessageAt }) as Conversation;
    const list = [c('a', '2026-03-01T10:00:00.000Z'), c('now', '2026-03-05T10:00:00.000Z'), c('b', '2026-03-03T10:00:00.000Z')];
    expect(pastConversations(list, 'now').map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('labels', () => {
  it('knows the platforms and history lines the desk writes', () => {
    expect(isChannelType('instagram')).toBe(true);
    expect(isChannelType('myspace')).toBe(false);
    expect(isKnownHistoryType('escalated')).toBe(true);
    expect(isKnownHistoryType('sla_breached')).toBe(true);
    expect(isKnownHistoryType('something_new')).toBe(false);
    expect(isSlaLine('sla_met')).toBe(true);
    expect(isSlaLine('assigned')).toBe(false);
  });
});

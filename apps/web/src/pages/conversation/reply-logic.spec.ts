import { otherViewers, policyNotices, rowsFor, shouldSendTyping, type ReplyCheck } from './reply-logic';

const check = (fields: Partial<ReplyCheck>): ReplyCheck => ({ verdict: 'send', blockTerms: [], warnTerms: [], warnings: [], topics: [], topicTerms: [], reason: null, ...fields });

describe('policyNotices', () => {
  it('says nothing about a plain reply', () => {
    expect(policyNotices(check({}))).toEqual([]);
    expect(policyNotices(null)).toEqual([]);
  });

  it('names blocked terms alone: nothing else matters for a reply that cannot go', () => {
    expect(policyNotices(check({ verdict: 'block', blockTerms: ['idiot'], warnings: ['guarantee'] }))).toEqual([{ kind: 'block', terms: ['idiot'] }]);
  });

  it('gives the hold reason and the warnings together', () => {
    expect(policyNotices(check({ verdict: 'hold', topics: ['Legal'], topicTerms: ['lawyer'], reason: 'Needs a lead’s approval: Legal', warnings: ['guarantee'] }))).toEqual([
      { kind: 'hold', reason: 'Needs a lead’s approval: Legal', terms: ['lawyer'] },
      { kind: 'warn', terms: ['guarantee'] },
    ]);
    expect(policyNotices(check({ verdict: 'warn', warnings: ['guarantee'] }))).toEqual([{ kind: 'warn', terms: ['guarantee'] }]);
  });

  it('tells a lead their reply on an approval topic is not held', () => {
    expect(policyNotices(check({ verdict: 'send', topics: ['Legal'] }))).toEqual([{ kind: 'topicApproved', topics: ['Legal'] }]);
  });
});

describe('shouldSendTyping', () => {
  it('sends at once, then at most every two seconds', () => {
    expect(shouldSendTyping(null, 1000)).toBe(true);
    expect(shouldSendTyping(1000, 2999)).toBe(false);
    expect(shouldSendTyping(1000, 3000)).toBe(true);
  });
});

describe('otherViewers', () => {
  it('leaves me out, lists each person once, typists first', () => {
    const viewers = [
      { userId: 'me', name: 'Me', typing: true },
      { userId: 'b', name: 'Bruno', typing: false },
      { userId: 'g', name: 'Giulia', typing: true },
      { userId: 'b', name: 'Bruno', typing: false },
    ];
    expect(otherViewers(viewers, 'me')).toEqual([
      { userId: 'g', name: 'Giulia', typing: true },
      { userId: 'b', name: 'Bruno', typing: false },
    ]);
  });
});

describe('rowsFor', () => {
  it('grows the box with the lines of the draft, between 2 and 8', () => {
    expect(rowsFor('')).toBe(2);
    expect(rowsFor('a\nb\nc')).toBe(3);
    expect(rowsFor('x\n'.repeat(20))).toBe(8);
  });
});

import { decide, needsFollowers } from './decide';
import type { Rule, RoutingFacts } from './rule';

const CARE = 'care';
const SALES = 'sales';
const PR = 'pr';
const CHANNEL = '33333333-3333-4333-8333-333333333333';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  channelType: 'api',
  channelId: CHANNEL,
  kind: 'comment',
  text: 'hello',
  language: 'en',
  sentiment: 'neutral',
  followers: null,
  ...over,
});
const rule = (name: string, when: Rule['when'], roleId = SALES, then: Partial<Rule['then']> = {}): Rule => ({ name, when, then: { roleId, ...then } });
const route = (rules: Rule[], f: Partial<RoutingFacts> = {}, live?: Set<string>) => decide({ defaultRoleId: CARE, rules }, facts(f), live);

describe('decide', () => {
  it('falls back to the default role at normal priority', () => {
    expect(route([])).toEqual({ roleId: CARE, rule: null, priority: 'normal', tags: [], matchedKeywords: [] });
    expect(route([rule('fb', { channelTypes: ['facebook'] })])).toMatchObject({ roleId: CARE, rule: null });
  });

  it('lets each condition decide', () => {
    const cases: Array<[Rule['when'], Partial<RoutingFacts>, Partial<RoutingFacts>]> = [
      [{ channelTypes: ['facebook', 'api'] }, { channelType: 'api' }, { channelType: 'x' }],
      [{ channelIds: [CHANNEL] }, { channelId: CHANNEL.toUpperCase() }, { channelId: null }],
      [{ kinds: ['message'] }, { kind: 'message' }, { kind: 'comment' }],
      [{ languages: ['it'] }, { language: 'it' }, { language: null }],
      [{ sentiment: 'negative' }, { sentiment: 'negative' }, { sentiment: 'neutral' }],
      [{ sentiment: ['negative', 'positive'] }, { sentiment: 'positive' }, { sentiment: null }],
      [{ minFollowers: 1000 }, { followers: 1000 }, { followers: 999 }],
      [{ minFollowers: 0 }, { followers: 0 }, { followers: null }],
      [{ keywords: ['rimborso', 'money back'] }, { text: 'Voglio il RIMBÒRSO!' }, { text: 'rimborsone' }],
    ];
    for (const [when, yes, no] of cases) {
      expect({ when, decided: route([rule('r', when)], yes).rule }).toEqual({ when, decided: 'r' });
      expect({ when, decided: route([rule('r', when)], no).rule }).toEqual({ when, decided: null });
    }
  });

  it('needs every given condition', () => {
    const r = rule('angry italians', { languages: ['it'], sentiment: 'negative' });
    expect(route([r], { language: 'it', sentiment: 'negative' }).rule).toBe('angry italians');
    expect(route([r], { language: 'it', sentiment: 'neutral' }).rule).toBeNull();
    expect(route([r], { language: 'en', sentiment: 'negative' }).rule).toBeNull();
  });

  it('takes the first matching rule, with its priority, tags and the keywords it found', () => {
    const rules = [
      rule('refund', { keywords: ['refund', 'money back', 'chargeback'] }, SALES, { priority: 'high', tags: ['billing'] }),
      rule('angry', { sentiment: 'negative' }, PR, { priority: 'urgent' }),
    ];
    expect(route(rules, { text: 'I want my money back, refund now', sentiment: 'negative' })).toEqual({
      roleId: SALES,
      rule: 'refund',
      priority: 'high',
      tags: ['billing'],
      matchedKeywords: ['refund', 'money back'],
    });
    expect(route([...rules].reverse(), { text: 'I want my money back', sentiment: 'negative' })).toMatchObject({ roleId: PR, rule: 'angry', priority: 'urgent', matchedKeywords: [] });
  });

  it('matches a rule without conditions', () => {
    expect(route([rule('all', {})])).toMatchObject({ roleId: SALES, rule: 'all' });
  });

  it('skips rules whose role was deleted, and has no role when the default is gone too', () => {
    const rules = [rule('gone', {}, 'deleted'), rule('sales', {}, SALES)];
    expect(route(rules, {}, new Set([CARE, SALES]))).toMatchObject({ roleId: SALES, rule: 'sales' });
    expect(route(rules, {}, new Set([CARE]))).toMatchObject({ roleId: CARE, rule: null });
    expect(decide({ defaultRoleId: null, rules: [] }, facts())).toMatchObject({ roleId: null, rule: null });
    expect(route([], {}, new Set([SALES]))).toMatchObject({ roleId: null, rule: null });
  });

  it('knows when followers matter', () => {
    expect(needsFollowers({ defaultRoleId: CARE, rules: [rule('a', { kinds: ['comment'] })] })).toBe(false);
    expect(needsFollowers({ defaultRoleId: CARE, rules: [rule('a', { minFollowers: 10 })] })).toBe(true);
  });
});

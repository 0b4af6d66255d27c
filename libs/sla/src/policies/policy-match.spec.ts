import { matchPolicy } from './policy-match';
import type { PolicyFacts, SlaPolicyWhen } from './sla-policy';

const ROLE = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_ROLE = '7a2d3c0f-4b5e-4f60-9bac-1d2e3f4a5b6c';
const facts: PolicyFacts = { priority: 'high', channelType: 'instagram', roleId: ROLE, kind: 'comment' };
const policy = (name: string, when: SlaPolicyWhen) => ({ name, when });
const pick = (policies: Array<{ name: string; when: SlaPolicyWhen }>, f: PolicyFacts = facts) => matchPolicy(policies, f)?.name ?? null;

describe('matchPolicy', () => {
  it('takes the first match in the order given, not the most specific', () => {
    expect(pick([policy('any', {}), policy('exact', { priorities: ['high'], channelTypes: ['instagram'], roleIds: [ROLE], kinds: ['comment'] })])).toBe('any');
    expect(pick([policy('exact', { priorities: ['high'], channelTypes: ['instagram'], roleIds: [ROLE], kinds: ['comment'] }), policy('any', {})])).toBe('exact');
  });

  it('needs every given list to contain the fact', () => {
    expect(pick([policy('urgent', { priorities: ['urgent'] }), policy('social high', { priorities: ['high', 'urgent'], channelTypes: ['instagram', 'facebook'] })])).toBe(
      'social high',
    );
    expect(pick([policy('email comments', { channelTypes: ['email'], kinds: ['comment'] })])).toBeNull();
    expect(pick([policy('messages', { kinds: ['message', 'mention'] })])).toBeNull();
    expect(pick([policy('messages', { kinds: ['message', 'mention'] })], { ...facts, kind: 'mention' })).toBe('messages');
  });

  it('treats a missing or empty list as any', () => {
    expect(pick([policy('empty lists', { priorities: [], channelTypes: [], roleIds: [], kinds: [] })])).toBe('empty lists');
    expect(pick([policy('empty lists', { roleIds: [] })], { ...facts, roleId: null })).toBe('empty lists');
  });

  it('never matches a conversation without a role to a policy listing roles', () => {
    const policies = [policy('care', { roleIds: [ROLE, OTHER_ROLE] }), policy('fallback', {})];
    expect(pick(policies, { ...facts, roleId: null })).toBe('fallback');
    expect(pick(policies, { ...facts, roleId: OTHER_ROLE })).toBe('care');
    expect(pick(policies, { ...facts, roleId: '00000000-0000-4000-8000-000000000000' })).toBe('fallback');
  });

  it('compares role ids whatever their case', () => {
    expect(pick([policy('care', { roleIds: [ROLE.toUpperCase()] })])).toBe('care');
    expect(pick([policy('care', { roleIds: [ROLE] })], { ...facts, roleId: ROLE.toUpperCase() })).toBe('care');
  });

  it('answers null for no policies, and returns the policy object itself', () => {
    expect(matchPolicy([], facts)).toBeNull();
    const only = { id: 'p1', when: {} as SlaPolicyWhen, firstResponseSeconds: 60 };
    expect(matchPolicy([only], facts)).toBe(only);
  });
});

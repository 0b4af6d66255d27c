import { draftToBody, mapToDraft, moveRule, newRule, ruleToDraft, sameMap, splitList, toggleChoice } from './map-draft';
import type { MapRule } from './team-types';

const angry: MapRule = {
  name: 'Angry influencers',
  when: { sentiment: 'negative', minFollowers: 10000, channelTypes: ['instagram', 'x'] },
  then: { roleId: 'pr', priority: 'urgent', tags: ['crisis'] },
};
const refunds: MapRule = { name: 'Refunds', when: { keywords: ['rimborso', 'money back'], kinds: ['comment'], languages: ['it', 'en'] }, then: { roleId: 'care', priority: 'high' } };

describe('the map editor’s draft', () => {
  it('splits comma-separated lists, trimming and dropping empty items', () => {
    expect(splitList(' refund, money back ,, rimborso ,')).toEqual(['refund', 'money back', 'rimborso']);
    expect(splitList('  ')).toEqual([]);
  });

  it('round-trips saved rules to the same body', () => {
    const body = draftToBody(mapToDraft({ defaultRoleId: 'care', rules: [angry, refunds] }));
    expect(body).toEqual({
      defaultRoleId: 'care',
      rules: [
        { name: 'Angry influencers', when: { channelTypes: ['instagram', 'x'], sentiment: 'negative', minFollowers: 10000 }, then: { roleId: 'pr', priority: 'urgent', tags: ['crisis'] } },
        { name: 'Refunds', when: { kinds: ['comment'], languages: ['it', 'en'], keywords: ['rimborso', 'money back'] }, then: { roleId: 'care', priority: 'high' } },
      ],
    });
  });

  it('leaves empty conditions out, sends several sentiments as a list and a bad number as typed', () => {
    const rule = { ...newRule('care'), name: 'Everything', sentiment: ['negative', 'neutral'] as const, minFollowers: '1k' };
    expect(draftToBody({ defaultRoleId: '', rules: [{ ...rule, sentiment: [...rule.sentiment] }] })).toEqual({
      defaultRoleId: null,
      rules: [{ name: 'Everything', when: { sentiment: ['negative', 'neutral'], minFollowers: '1k' }, then: { roleId: 'care', priority: 'normal' } }],
    });
  });

  it('reads a sentiment given as one value or as a list', () => {
    expect(ruleToDraft(angry).sentiment).toEqual(['negative']);
    expect(ruleToDraft({ ...angry, when: { sentiment: ['negative', 'positive'] } }).sentiment).toEqual(['negative', 'positive']);
    expect(ruleToDraft({ name: 'All', then: { roleId: 'care' } })).toMatchObject({ priority: 'normal', keywords: '', minFollowers: '' });
  });

  it('tells an edited draft from the saved map, whatever the spacing', () => {
    const saved = { defaultRoleId: 'care', rules: [refunds] };
    const draft = mapToDraft(saved);
    expect(sameMap({ ...draft, rules: [{ ...draft.rules[0]!, keywords: 'rimborso,money back ' }] }, saved)).toBe(true);
    expect(sameMap({ ...draft, rules: [{ ...draft.rules[0]!, keywords: 'rimborso' }] }, saved)).toBe(false);
    expect(sameMap({ ...draft, defaultRoleId: 'pr' }, saved)).toBe(false);
  });

  it('gives every rule its own key, so moved rules keep their fields', () => {
    const draft = mapToDraft({ defaultRoleId: 'care', rules: [angry, refunds] });
    expect(new Set([...draft.rules.map((r) => r.key), newRule().key]).size).toBe(3);
  });

  it('moves a rule up or down, and not past either end', () => {
    expect(moveRule(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRule(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRule(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('ticks choices in the order they are offered', () => {
    expect(toggleChoice(['x'], 'facebook', ['facebook', 'instagram', 'x'])).toEqual(['facebook', 'x']);
    expect(toggleChoice(['facebook', 'x'], 'facebook', ['facebook', 'instagram', 'x'])).toEqual(['x']);
  });
});

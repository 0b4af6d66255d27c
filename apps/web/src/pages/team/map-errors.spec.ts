import { groupErrors, placeOf, ruleField, shownText, splitMessages } from './map-errors';

describe('placing the map’s validation errors beside their fields', () => {
  it('finds the field each message names', () => {
    expect(placeOf('rules.2.then.roleId must be a UUID')).toBe('rules.2.then.roleId');
    expect(placeOf('rules.0.when.keywords.1 must not be blank')).toBe('rules.0.when.keywords');
    expect(placeOf('rules.3.name: "Refunds" is already the name of rules.1 (names are unique, case-insensitively)')).toBe('rules.3.name');
    expect(placeOf('rules.1.when.minFollowers must be an integer from 0 to 2147483647')).toBe('rules.1.when.minFollowers');
    expect(placeOf('defaultRoleId: no role 6b1c… in this workspace')).toBe('defaultRoleId');
    expect(placeOf('defaultRoleId is required')).toBe('defaultRoleId');
  });

  it('files what is about a rule but no field of the editor under the rule, and the rest under the map', () => {
    expect(placeOf('rules.4 must be an object {name, when, then}')).toBe('rules.4');
    expect(placeOf('rules.0.when.colour is not allowed (allowed: channelTypes, …)')).toBe('rules.0');
    expect(placeOf('rules must have at most 200 rules')).toBe('');
    expect(placeOf('the body must be a JSON object {defaultRoleId, rules}')).toBe('');
  });

  it('splits the joined message only where the next one names a field', () => {
    expect(splitMessages('rules.0.name is required; rules.1.name: "a; b" is already the name of rules.0; defaultRoleId is required')).toEqual([
      'rules.0.name is required',
      'rules.1.name: "a; b" is already the name of rules.0',
      'defaultRoleId is required',
    ]);
  });

  it('drops the path a person does not need beside the field', () => {
    expect(shownText('rules.0.when.keywords.1 must not be blank')).toBe('keywords.1 must not be blank');
    expect(shownText('rules.2.name is required')).toBe('name is required');
    expect(shownText('defaultRoleId: no role x in this workspace')).toBe('no role x in this workspace');
  });

  it('groups every message by place', () => {
    const grouped = groupErrors(['rules.0.name is required', 'rules.0.when.keywords.0 must contain a letter or a digit', 'rules.0.when.keywords.2 must not be blank', 'defaultRoleId is required']);
    expect(grouped.get(ruleField(0, 'name'))).toEqual(['name is required']);
    expect(grouped.get(ruleField(0, 'when.keywords'))).toEqual(['keywords.0 must contain a letter or a digit', 'keywords.2 must not be blank']);
    expect(grouped.get('defaultRoleId')).toEqual(['defaultRoleId is required']);
    expect(grouped.has(ruleField(0))).toBe(false);
  });
});

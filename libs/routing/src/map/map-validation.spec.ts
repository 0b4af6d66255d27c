import { mapReferences, validateMap, type MapValidation } from './map-validation';

const CARE = '11111111-1111-4111-8111-111111111111';
const SALES = '22222222-2222-4222-8222-222222222222';
const CHANNEL = '33333333-3333-4333-8333-333333333333';

const errorsOf = (v: MapValidation) => (v.ok ? [] : v.errors);

describe('validateMap', () => {
  it('accepts a full map and answers it normalized', () => {
    const v = validateMap({
      defaultRoleId: CARE.toUpperCase(),
      rules: [
        {
          name: '  Refunds ',
          when: {
            channelTypes: ['facebook', 'api'],
            channelIds: [CHANNEL],
            kinds: ['comment'],
            languages: [' IT', 'en'],
            keywords: [' rimborso ', 'money back'],
            sentiment: 'negative',
            minFollowers: 0,
          },
          then: { roleId: SALES, priority: 'urgent', tags: ['VIP', 'refund', 'vip'] },
        },
        { name: 'Everything else', then: { roleId: CARE } },
        { name: 'Several moods', when: { sentiment: ['negative', 'neutral'] }, then: { roleId: CARE, tags: [] } },
      ],
    });
    expect(v).toEqual({
      ok: true,
      map: {
        defaultRoleId: CARE,
        rules: [
          {
            name: 'Refunds',
            when: { channelTypes: ['facebook', 'api'], channelIds: [CHANNEL], kinds: ['comment'], languages: ['it', 'en'], keywords: ['rimborso', 'money back'], sentiment: 'negative', minFollowers: 0 },
            then: { roleId: SALES, priority: 'urgent', tags: ['refund', 'vip'] },
          },
          { name: 'Everything else', when: {}, then: { roleId: CARE } },
          { name: 'Several moods', when: { sentiment: ['negative', 'neutral'] }, then: { roleId: CARE, tags: [] } },
        ],
      },
    });
  });

  it('accepts an empty rule list: the default role takes everything', () => {
    expect(validateMap({ defaultRoleId: CARE, rules: [] })).toEqual({ ok: true, map: { defaultRoleId: CARE, rules: [] } });
  });

  it('names every offending field at once', () => {
    const errors = errorsOf(
      validateMap({
        defaultRoleId: 'care',
        rules: [
          { name: 'ok', when: { channelTypes: ['myspace'], kinds: [], languages: ['ita', 'xx'], keywords: ['refund', '  ', '!!!'], sentiment: 'angry', minFollowers: -1 }, then: { roleId: CARE } },
          { name: ' ', when: { minFollowers: 1.5 }, then: { roleId: 'nope', priority: 'asap', tags: [''] } },
          { name: 'OK', then: {} },
          { name: 'missing then' },
          'not a rule',
          { name: 'typo', when: { keyword: ['x'] }, then: { roleId: CARE }, extra: 1 },
        ],
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'defaultRoleId must be a UUID',
        'rules.0.when.channelTypes.0 must be one of facebook, instagram, whatsapp, x, telegram, youtube, linkedin, email, api',
        'rules.0.when.kinds must not be empty (leave the condition out to match everything)',
        expect.stringMatching(/^rules\.0\.when\.languages\.0 must be an ISO 639-1/),
        expect.stringMatching(/^rules\.0\.when\.languages\.1 must be an ISO 639-1/),
        'rules.0.when.keywords.1 must not be blank',
        'rules.0.when.keywords.2 must contain a letter or a digit',
        'rules.0.when.sentiment must be one of negative, neutral, positive',
        expect.stringMatching(/^rules\.0\.when\.minFollowers must be an integer/),
        'rules.1.name must not be blank',
        expect.stringMatching(/^rules\.1\.when\.minFollowers must be an integer/),
        'rules.1.then.roleId must be a UUID',
        'rules.1.then.priority must be one of low, normal, high, urgent',
        'rules.1.then.tags.0 must not be blank',
        'rules.2.then.roleId is required',
        expect.stringMatching(/^rules\.2\.name: "OK" is already the name of rules\.0/),
        'rules.3.then is required',
        'rules.4 must be an object {name, when, then}',
        expect.stringMatching(/^rules\.5\.when\.keyword is not allowed/),
        expect.stringMatching(/^rules\.5\.extra is not allowed/),
      ]),
    );
  });

  it('refuses missing fields, a wrong body and too many rules', () => {
    expect(errorsOf(validateMap({}))).toEqual(['defaultRoleId is required', 'rules is required']);
    expect(errorsOf(validateMap([]))).toEqual(['the body must be a JSON object {defaultRoleId, rules}']);
    expect(errorsOf(validateMap({ defaultRoleId: CARE, rules: {} }))).toEqual(['rules must be an array']);
    const many = Array.from({ length: 201 }, (_, i) => ({ name: `r${i}`, then: { roleId: CARE } }));
    expect(errorsOf(validateMap({ defaultRoleId: CARE, rules: many }))).toEqual(['rules must have at most 200 rules']);
    expect(validateMap({ defaultRoleId: CARE, rules: many.slice(0, 200) }).ok).toBe(true);
    expect(errorsOf(validateMap({ defaultRoleId: CARE, rules: [{ name: 'x', when: { sentiment: [] }, then: { roleId: CARE } }] }))).toEqual([
      'rules.0.when.sentiment must not be empty (leave the condition out to match everything)',
    ]);
    expect(errorsOf(validateMap({ defaultRoleId: CARE, rules: [{ name: 'x', when: { channelIds: ['abc'] }, then: { roleId: CARE } }] }))).toEqual([
      'rules.0.when.channelIds.0 must be a UUID',
    ]);
  });

  it('lists the roles and channels a map names, by field', () => {
    const v = validateMap({
      defaultRoleId: CARE,
      rules: [
        { name: 'a', when: { channelIds: [CHANNEL] }, then: { roleId: SALES } },
        { name: 'b', then: { roleId: CARE } },
      ],
    });
    if (!v.ok) throw new Error(v.errors.join('; '));
    expect(mapReferences(v.map)).toEqual({
      roles: [
        { field: 'defaultRoleId', id: CARE },
        { field: 'rules.0.then.roleId', id: SALES },
        { field: 'rules.1.then.roleId', id: CARE },
      ],
      channels: [{ field: 'rules.0.when.channelIds.0', id: CHANNEL }],
    });
  });
});

import { checkNewPolicy, checkPolicyPatch } from './policy-fields';

const ROLE = '6F1C2B9E-3A4D-4E5F-8A9B-0C1D2E3F4A5B';
const problemsOf = (input: unknown) => {
  const checked = checkNewPolicy(input);
  return checked.ok ? [] : checked.problems;
};
const patchProblems = (input: unknown) => {
  const checked = checkPolicyPatch(input);
  return checked.ok ? [] : checked.problems;
};

describe('checkNewPolicy', () => {
  it('fills the defaults, trims the name, removes duplicates and lower-cases role ids', () => {
    expect(checkNewPolicy({ name: ' Social ', firstResponseSeconds: 900 })).toEqual({
      ok: true,
      value: {
        name: 'Social',
        when: {},
        firstResponseSeconds: 900,
        nextResponseSeconds: null,
        resolutionSeconds: null,
        businessHoursId: null,
        warnAtPercent: 80,
        onBreach: 'notify',
      },
    });
    const checked = checkNewPolicy({
      name: 'All',
      when: { priorities: ['high', 'urgent', 'high'], channelTypes: ['x'], roleIds: [ROLE, ROLE.toLowerCase()], kinds: [] },
      firstResponseSeconds: 31_536_000,
      nextResponseSeconds: 1,
      resolutionSeconds: null,
      businessHoursId: ROLE,
      warnAtPercent: 100,
      onBreach: 'escalate',
      // DTO instances carry declared fields as undefined: absent, not unknown.
      extra: undefined,
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'All',
        when: { priorities: ['high', 'urgent'], channelTypes: ['x'], roleIds: [ROLE.toLowerCase()], kinds: [] },
        firstResponseSeconds: 31_536_000,
        nextResponseSeconds: 1,
        resolutionSeconds: null,
        businessHoursId: ROLE.toLowerCase(),
        warnAtPercent: 100,
        onBreach: 'escalate',
      },
    });
  });

  it('names every problem at once, in field order', () => {
    expect(
      problemsOf({
        name: '  ',
        when: { priorities: ['asap', 'low'], channelTypes: 'x', roleIds: ['nope', 7], kinds: ['post'], languages: ['it'] },
        firstResponseSeconds: 0,
        nextResponseSeconds: 1.5,
        resolutionSeconds: '3600',
        businessHoursId: 'office',
        warnAtPercent: 101,
        onBreach: 'page',
        owner: 'me',
      }),
    ).toEqual([
      'owner is not allowed',
      'name must be a text of 1 to 100 characters',
      'when.languages is not allowed',
      'when.priorities[0] must be one of low, normal, high, urgent (got "asap")',
      'when.channelTypes must be a list of facebook, instagram, whatsapp, x, telegram, youtube, linkedin, email, api',
      'when.roleIds[0] must be a UUID (got "nope")',
      'when.roleIds[1] must be a UUID (got 7)',
      'when.kinds[0] must be one of comment, mention, message (got "post")',
      'firstResponseSeconds must be an integer from 1 to 31536000 (got 0)',
      'nextResponseSeconds must be an integer from 1 to 31536000, or null for none (got 1.5)',
      'resolutionSeconds must be an integer from 1 to 31536000, or null for none (got "3600")',
      'businessHoursId must be a UUID, or null for wall-clock time (got "office")',
      'warnAtPercent must be an integer from 1 to 100 (got 101)',
      'onBreach must be one of notify, escalate (got "page")',
    ]);
  });

  it('requires name and firstResponseSeconds', () => {
    expect(problemsOf({})).toEqual(['name is required', 'firstResponseSeconds is required']);
  });

  it('never crashes on bad types', () => {
    for (const bad of [null, [], 'text', 42, true]) expect(problemsOf(bad)).toEqual(['body must be an object']);
    const weird = [null, [], {}, 'x', -1, 1e400, Number.NaN, 2 ** 53, true, { a: [1] }];
    for (const value of weird) {
      const body = { name: value, when: value, firstResponseSeconds: value, nextResponseSeconds: value, businessHoursId: value, warnAtPercent: value, onBreach: value };
      expect(() => checkNewPolicy(body)).not.toThrow();
    }
    expect(problemsOf({ name: 'x', firstResponseSeconds: 60, when: null })).toEqual(['when must be an object {priorities?, channelTypes?, roleIds?, kinds?}']);
    expect(problemsOf({ name: 'x', firstResponseSeconds: 60, when: [] })).toHaveLength(1);
    expect(problemsOf({ name: 'x', firstResponseSeconds: 1e400 })).toEqual(['firstResponseSeconds must be an integer from 1 to 31536000 (got null)']);
    expect(problemsOf({ name: 'x', firstResponseSeconds: 31_536_001 })).toHaveLength(1);
    expect(problemsOf({ name: 'a'.repeat(101), firstResponseSeconds: 60 })).toEqual(['name must be a text of 1 to 100 characters']);
    expect(problemsOf({ name: 'x', firstResponseSeconds: 60, warnAtPercent: null, onBreach: null })).toHaveLength(2);
  });

  it('keeps long offending values short in messages', () => {
    const [problem] = problemsOf({ name: 'x', firstResponseSeconds: 'y'.repeat(10_000) });
    expect(problem!.length).toBeLessThan(150);
  });

  it('bounds the lists', () => {
    const roleIds = Array.from({ length: 101 }, () => ROLE);
    expect(problemsOf({ name: 'x', firstResponseSeconds: 60, when: { roleIds } })).toEqual(['when.roleIds may hold at most 100 values']);
  });
});

describe('checkPolicyPatch', () => {
  it('keeps only what is given; null clears the optional targets and the business hours', () => {
    expect(checkPolicyPatch({})).toEqual({ ok: true, value: {} });
    expect(checkPolicyPatch({ nextResponseSeconds: null, resolutionSeconds: null, businessHoursId: null, when: {} })).toEqual({
      ok: true,
      value: { nextResponseSeconds: null, resolutionSeconds: null, businessHoursId: null, when: {} },
    });
  });

  it('refuses null for fields that cannot be empty, and unknown keys', () => {
    expect(patchProblems({ name: null, firstResponseSeconds: null, warnAtPercent: null, onBreach: null, when: null, seq: 1 })).toEqual([
      'seq is not allowed',
      'name must be a text of 1 to 100 characters',
      'when must be an object {priorities?, channelTypes?, roleIds?, kinds?}',
      'firstResponseSeconds must be an integer from 1 to 31536000 (got null)',
      'warnAtPercent must be an integer from 1 to 100 (got null)',
      'onBreach must be one of notify, escalate (got null)',
    ]);
    expect(patchProblems([])).toEqual(['body must be an object']);
  });
});

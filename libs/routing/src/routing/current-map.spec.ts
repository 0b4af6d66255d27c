import type { Queryable } from '@app/db';
import type { Rule } from '../map/rule';
import { CurrentMaps } from './current-map';

const RULES: Rule[] = [{ name: 'vip', when: { minFollowers: 10 }, then: { roleId: 'sales' } }];

/**
 * Answers like PostgreSQL would: the rules only when the version asked about ($2) is not the current one; the
 * followers of conversation $3 unless that version is the current one and $4 says it does not need them.
 */
function fakeDb(state: { version: number | null; rules: Rule[] }) {
  const calls: unknown[][] = [];
  const db: Queryable = {
    query: async (_text: string, params: unknown[] = []) => {
      calls.push(params);
      if (state.version === null) return [{ version: null, default_role_id: null, rules: null, role_ids: ['care'], followers: null }];
      const skipFollowers = params[2] === null || (params[1] === state.version && params[3] === false);
      return [{ version: state.version, default_role_id: 'care', rules: params[1] === state.version ? null : state.rules, role_ids: ['care', 'sales'], followers: skipFollowers ? null : 7 }];
    },
  };
  return { db, calls };
}

describe('CurrentMaps', () => {
  it('answers no map before the first version', async () => {
    const { db, calls } = fakeDb({ version: null, rules: [] });
    expect(await new CurrentMaps().load(db, 'ws', 'conv')).toEqual({ map: null, followers: null });
    expect(calls).toEqual([['ws', 0, 'conv', true]]);
  });

  it('fetches the rules once per version, then only checks the version', async () => {
    const state = { version: 1 as number | null, rules: RULES };
    const { db, calls } = fakeDb(state);
    const maps = new CurrentMaps();
    const first = await maps.load(db, 'ws');
    expect(first.map).toMatchObject({ version: 1, defaultRoleId: 'care', rules: RULES });
    expect([...first.map!.liveRoles]).toEqual(['care', 'sales']);
    const second = await maps.load(db, 'ws');
    expect(second.map!.rules).toBe(first.map!.rules);
    state.version = 2;
    state.rules = [];
    const third = await maps.load(db, 'ws');
    expect(third.map).toMatchObject({ version: 2, rules: [] });
    expect(calls.map((p) => p[1])).toEqual([0, 1, 1]);
    await maps.load(db, 'ws');
    expect(calls.map((p) => p[1])).toEqual([0, 1, 1, 2]);
  });

  it("reads the contact's followers only while the current version has a minFollowers rule", async () => {
    const state = { version: 1 as number | null, rules: RULES };
    const { db, calls } = fakeDb(state);
    const maps = new CurrentMaps();
    expect((await maps.load(db, 'ws', 'conv')).followers).toBe(7);
    expect((await maps.load(db, 'ws', 'conv')).followers).toBe(7);
    state.version = 2;
    state.rules = [{ name: 'all', when: {}, then: { roleId: 'care' } }];
    // A version not seen yet: read along with its rules, then dropped, as it has no rule on them.
    expect((await maps.load(db, 'ws', 'conv')).followers).toBeNull();
    expect((await maps.load(db, 'ws', 'conv')).followers).toBeNull();
    expect(calls.map((p) => [p[1], p[3]])).toEqual([
      [0, true],
      [1, true],
      [1, true],
      [2, false],
    ]);
  });

  it('keeps workspaces apart', async () => {
    const { db, calls } = fakeDb({ version: 3, rules: RULES });
    const maps = new CurrentMaps();
    await maps.load(db, 'a');
    await maps.load(db, 'b');
    await maps.load(db, 'a');
    expect(calls.map((p) => [p[0], p[1]])).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 3],
    ]);
  });
});

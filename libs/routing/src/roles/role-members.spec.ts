import { diffMembers, isNoChange, normalizeMembers } from './role-members';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';

describe('normalizeMembers', () => {
  it('defaults capacity to unlimited and lower-cases ids', () => {
    expect(normalizeMembers([{ userId: A.toUpperCase() }, { userId: B, capacity: 3 }, { userId: C, capacity: null }])).toEqual({
      members: [
        { userId: A, capacity: null },
        { userId: B, capacity: 3 },
        { userId: C, capacity: null },
      ],
      duplicates: [],
    });
  });

  it('reports an id listed twice (in any case) once, keeping the first entry', () => {
    const { members, duplicates } = normalizeMembers([{ userId: A, capacity: 1 }, { userId: A.toUpperCase(), capacity: 2 }, { userId: A }]);
    expect(members).toEqual([{ userId: A, capacity: 1 }]);
    expect(duplicates).toEqual([A]);
  });

  it('takes an empty list: the role has no members', () => {
    expect(normalizeMembers([])).toEqual({ members: [], duplicates: [] });
  });
});

describe('diffMembers', () => {
  it('names who joined, who left and whose capacity changed', () => {
    const diff = diffMembers(
      [
        { userId: A, capacity: null },
        { userId: B, capacity: 2 },
      ],
      [
        { userId: B, capacity: 5 },
        { userId: C, capacity: null },
      ],
    );
    expect(diff).toEqual({ added: [C], removed: [A], changed: [B] });
    expect(isNoChange(diff)).toBe(false);
  });

  it('sees no change when the same members keep their capacities, in any order', () => {
    const before = [
      { userId: A, capacity: null },
      { userId: B, capacity: 2 },
    ];
    expect(isNoChange(diffMembers(before, [...before].reverse()))).toBe(true);
  });

  it('treats a capacity going from unlimited to 0 as a change', () => {
    expect(diffMembers([{ userId: A, capacity: null }], [{ userId: A, capacity: 0 }]).changed).toEqual([A]);
  });
});

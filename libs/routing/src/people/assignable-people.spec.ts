import { judgePeople } from './assignable-people';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const D = 'dddddddd-0000-4000-8000-000000000004';

describe('judgePeople', () => {
  const facts = [
    { userId: A, access: 'agent' as const, active: true },
    { userId: B, access: 'agent' as const, active: false },
    { userId: C, access: 'supervisor' as const, active: true },
  ];

  it('accepts active members who answer customers, whatever the case of the id', () => {
    expect(judgePeople([{ field: 'assigneeId', userId: A.toUpperCase() }], facts)).toEqual({ unknown: [], invalid: [] });
  });

  it('names every unknown, deactivated and supervisor id with its field', () => {
    const verdict = judgePeople(
      [
        { field: 'members.0.userId', userId: A },
        { field: 'members.1.userId', userId: B },
        { field: 'members.2.userId', userId: C },
        { field: 'members.3.userId', userId: D },
      ],
      facts,
    );
    expect(verdict.unknown).toEqual([expect.stringMatching(/^members\.3\.userId: .*not a member/)]);
    expect(verdict.invalid).toEqual([expect.stringMatching(/^members\.1\.userId: .*deactivated/), expect.stringMatching(/^members\.2\.userId: .*supervisor/)]);
  });
});

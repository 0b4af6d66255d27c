import { loadLabel, loadLabels, memberCapacity, type MemberLoad } from './workload';

const member = (userId: string, open: number, caps: Array<number | null>): MemberLoad => ({
  userId,
  name: userId,
  access: 'agent',
  presence: 'online',
  open,
  roles: caps.map((capacity, i) => ({ roleId: `r${i}`, name: `R${i}`, capacity, open: 0 })),
});

describe('load beside each agent in the assignment picker', () => {
  it('shows open conversations against the capacity of all their roles', () => {
    const labels = loadLabels([member('a', 3, [5]), member('b', 4, [2, 3]), member('c', 1, [5, null]), member('d', 0, []), member('e', 7, [5])]);
    expect(Object.fromEntries(labels)).toEqual({ a: '3/5', b: '4/5', c: '1/∞', d: '0/∞', e: '7/5' });
  });

  it('sums a member’s capacities over roles, unlimited when one role is or they are in none', () => {
    expect(memberCapacity(member('a', 3, [2, 3]))).toBe(5);
    expect(memberCapacity(member('a', 3, [0]))).toBe(0);
    expect(memberCapacity(member('a', 3, [2, null]))).toBeNull();
    expect(memberCapacity(member('a', 2, []))).toBeNull();
  });

  it('writes unlimited capacity as ∞', () => {
    expect(loadLabel(12, null)).toBe('12/∞');
    expect(loadLabel(0, 0)).toBe('0/0');
  });
});

import { loadLabels, type MemberLoad } from './workload';

const member = (userId: string, open: number, caps: Array<number | null>): MemberLoad => ({
  userId,
  name: userId,
  presence: 'online',
  open,
  roles: caps.map((capacity, i) => ({ roleId: `r${i}`, name: `R${i}`, capacity, open: 0 })),
});

describe('load beside each agent in the assignment picker', () => {
  it('shows open conversations against the capacity of all their roles', () => {
    const labels = loadLabels([member('a', 3, [5]), member('b', 4, [2, 3]), member('c', 1, [5, null]), member('d', 0, [])]);
    expect(Object.fromEntries(labels)).toEqual({ a: '3/5', b: '4/5', c: '1/∞', d: '0/∞' });
  });
});

import { afterFailure, LOGIN_RULES, retryAfterSeconds, ThrottleRule, ThrottleState } from './throttle-policy';

const T0 = new Date('2030-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const RULE: ThrottleRule = { maxFailures: 3, windowSeconds: 60, blockSeconds: 30 };

/** The state after one failure at each of the given seconds after T0. */
function failAt(seconds: number[], rule = RULE): ThrottleState | null {
  return seconds.reduce<ThrottleState | null>((state, s) => afterFailure(state, rule, at(s)), null);
}

describe('login throttle policy', () => {
  it('counts from one on a first failure, without blocking', () => {
    expect(afterFailure(null, RULE, T0)).toEqual({ failures: 1, windowStartedAt: T0, blockedUntil: null });
  });

  it('counts failures within the window and blocks at the maximum, for blockSeconds from the last failure', () => {
    expect(failAt([0, 10])).toEqual({ failures: 2, windowStartedAt: T0, blockedUntil: null });
    expect(failAt([0, 10, 20])).toEqual({ failures: 3, windowStartedAt: T0, blockedUntil: at(50) });
  });

  it('starts a new window once windowSeconds have passed since the window began', () => {
    expect(failAt([0, 10, 59])!.failures).toBe(3);
    expect(failAt([0, 10, 60])).toEqual({ failures: 1, windowStartedAt: at(60), blockedUntil: null });
    expect(failAt([0, 50, 70])).toEqual({ failures: 1, windowStartedAt: at(70), blockedUntil: null });
  });

  it('a failure after an expired block in a new window starts over; in the same window it blocks again at once', () => {
    const blocked = failAt([0, 1, 2])!;
    expect(afterFailure(blocked, RULE, at(61))).toEqual({ failures: 1, windowStartedAt: at(61), blockedUntil: null });
    const again = afterFailure(blocked, RULE, at(40));
    expect(again.failures).toBe(4);
    expect(again.blockedUntil).toEqual(at(70));
  });

  it('answers how long to wait, rounded up, and 0 when not blocked or no longer blocked', () => {
    const blocked = failAt([0, 10, 20])!;
    expect(retryAfterSeconds(null, T0)).toBe(0);
    expect(retryAfterSeconds(failAt([0, 10]), at(10))).toBe(0);
    expect(retryAfterSeconds(blocked, at(20))).toBe(30);
    expect(retryAfterSeconds(blocked, new Date(at(20).getTime() + 1))).toBe(30);
    expect(retryAfterSeconds(blocked, at(49.001))).toBe(1);
    expect(retryAfterSeconds(blocked, at(50))).toBe(0);
    expect(retryAfterSeconds(blocked, at(500))).toBe(0);
  });

  it('blocks one account after 5 failures in 15 minutes and one address after 30, for 15 minutes', () => {
    const account = failAt([0, 60, 120, 180], LOGIN_RULES.account);
    expect(retryAfterSeconds(account, at(180))).toBe(0);
    const blocked = afterFailure(account, LOGIN_RULES.account, at(240));
    expect(retryAfterSeconds(blocked, at(240))).toBe(15 * 60);

    const spray = Array.from({ length: 29 }, (_, i) => i * 10);
    expect(retryAfterSeconds(failAt(spray, LOGIN_RULES.address), at(290))).toBe(0);
    expect(retryAfterSeconds(failAt([...spray, 290], LOGIN_RULES.address), at(290))).toBe(15 * 60);
    // Spread thinly enough, failures never reach the maximum within one window.
    expect(failAt([0, 300, 600, 900, 1200, 1500], LOGIN_RULES.account)!.blockedUntil).toBeNull();
  });
});

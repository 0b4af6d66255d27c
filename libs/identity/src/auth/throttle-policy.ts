export interface ThrottleRule {
  /** How many failures within the window block the key. */
  maxFailures: number;
  windowSeconds: number;
  blockSeconds: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

/** Per e-mail and address: stops guessing one account. Per address: stops spraying many accounts from one place. */
export const LOGIN_RULES = {
  account: { maxFailures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  address: { maxFailures: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

/** Pure: the state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < rule.windowSeconds * 1000;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const blockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.blockSeconds * 1000) : null;
  return { failures, windowStartedAt, blockedUntil };
}

/** Pure: seconds until the key may try again, 0 when it may now. */
export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
}

import { addBusinessSeconds, businessSecondsBetween, type Calendar } from '../calendar/business-time';
import type { ClockTerms, Fired, SlaClock } from './sla-clock';
import type { SlaTarget } from '@app/inbox';

/**
 * The clock's arithmetic, pure: every function takes a clock and returns a new one, so the rules are tested
 * without a database and the engine only loads, applies and stores.
 */

/** A new clock from the customer message at `startedAt`; paused ones accrue what ran until `now` and stop there. */
export function startClock(
  target: SlaTarget,
  position: { cycle: number; round: number },
  terms: ClockTerms,
  startedAt: Date,
  running: { now: Date; paused: boolean },
  cal: Calendar,
): SlaClock {
  const clock: SlaClock = {
    ...terms,
    target,
    ...position,
    startedAt,
    elapsedSeconds: 0,
    runningSince: startedAt,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    nextFireAt: null,
  };
  return running.paused ? pause(clock, running.now, cal) : timed(clock, cal);
}

/** Business seconds the clock has run by `at`. */
export function elapsedAt(clock: SlaClock, at: Date, cal: Calendar): number {
  if (!clock.runningSince) return clock.elapsedSeconds;
  return clock.elapsedSeconds + businessSecondsBetween(cal, clock.runningSince, at);
}

/** The warning threshold in business seconds: `warnAtPercent` of the target. */
export function warnThreshold(clock: Pick<SlaClock, 'targetSeconds' | 'warnAtPercent'>): number {
  return (clock.targetSeconds * clock.warnAtPercent) / 100;
}

/** The due and warning instants of a running clock (none while paused), and the next instant a timer must act. */
export function timed(clock: SlaClock, cal: Calendar): SlaClock {
  // A breached clock keeps the instant it was due: that is when it ran out, paused and resumed or not.
  if (clock.breachedAt) return { ...clock, warnAt: null, nextFireAt: null };
  if (!clock.runningSince) return { ...clock, dueAt: null, warnAt: null, nextFireAt: null };
  const from = clock.runningSince;
  const dueAt = reach(cal, from, clock.targetSeconds - clock.elapsedSeconds);
  const warnAt = clock.warnedAt || clock.breachedAt ? null : reach(cal, from, warnThreshold(clock) - clock.elapsedSeconds);
  return { ...clock, dueAt, warnAt, nextFireAt: nextFire(warnAt, clock.breachedAt || !dueAt ? null : breachInstant(dueAt)) };
}

export function pause(clock: SlaClock, at: Date, cal: Calendar): SlaClock {
  if (!clock.runningSince) return clock;
  return timed({ ...clock, elapsedSeconds: elapsedAt(clock, at, cal), runningSince: null }, cal);
}

export function resume(clock: SlaClock, at: Date, cal: Calendar): SlaClock {
  if (clock.runningSince) return clock;
  return timed({ ...clock, runningSince: at }, cal);
}

/** New terms (a re-applied policy) from `now` on: what ran so far is kept, the due times follow the new terms. */
export function retimed(clock: SlaClock, terms: ClockTerms, now: Date, oldCal: Calendar, newCal: Calendar): SlaClock {
  const running = clock.runningSince !== null;
  const kept: SlaClock = { ...clock, ...terms, elapsedSeconds: elapsedAt(clock, now, oldCal), runningSince: running ? now : null };
  return timed(kept, newCal);
}

/**
 * When `seconds` more business seconds will have run from `from`; null for a calendar with no open time in the next
 * two years (holidays enough to close it): such a clock has no due time and cannot run out.
 */
function reach(cal: Calendar, from: Date, seconds: number): Date | null {
  try {
    return addBusinessSeconds(cal, from, Math.max(0, seconds));
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** A reply at the due instant itself meets the target, so the breach is the first millisecond after it. */
function breachInstant(dueAt: Date): Date {
  return new Date(dueAt.getTime() + 1);
}

/**
 * What a timer fires at `now`: the breach once the due instant has passed (the warning is then implied and never
 * sent late), else the warning when its instant has come. Fired instants are stamped with `now`, so lateness is on
 * record.
 */
export function fire(clock: SlaClock, now: Date): { clock: SlaClock; fired: Fired | null } {
  if (!clock.breachedAt && clock.dueAt && clock.dueAt.getTime() < now.getTime()) {
    const next = { ...clock, breachedAt: now, warnedAt: clock.warnedAt ?? now, warnAt: null };
    return { clock: { ...next, nextFireAt: null }, fired: 'breached' };
  }
  if (!clock.warnedAt && !clock.breachedAt && clock.warnAt && clock.warnAt.getTime() <= now.getTime()) {
    const next = { ...clock, warnedAt: now, warnAt: null };
    return { clock: { ...next, nextFireAt: next.dueAt ? breachInstant(next.dueAt) : null }, fired: 'warning' };
  }
  return { clock, fired: null };
}

/**
 * Whether an answer given at `at` meets the clock: at or before the due instant (a reply at the due instant itself
 * is met), judged by the answer's own time, so an answer the desk learns of after its timer fired (a platform's
 * late echo) still counts as in time. A paused clock is judged by the time it has run.
 */
export function metBy(clock: SlaClock, at: Date): boolean {
  if (clock.breachedAt) return clock.dueAt !== null && at.getTime() <= clock.dueAt.getTime();
  if (clock.runningSince) return !clock.dueAt || at.getTime() <= clock.dueAt.getTime();
  return clock.elapsedSeconds <= clock.targetSeconds;
}

/** The breach of a running clock whose due instant passed before `at` and no timer has fired yet (a timer lags). */
export function overdue(clock: SlaClock, at: Date, now: Date): SlaClock | null {
  if (clock.breachedAt || !clock.runningSince || !clock.dueAt || clock.dueAt.getTime() >= at.getTime()) return null;
  const r = fire(clock, now);
  return r.fired === 'breached' ? r.clock : null;
}

function nextFire(...instants: Array<Date | null>): Date | null {
  const set = instants.filter((d): d is Date => d !== null);
  return set.length ? new Date(Math.min(...set.map((d) => d.getTime()))) : null;
}

import type { SlaTarget } from '@app/inbox';

/** What a clock is measured against: the policy's numbers as they were when the clock started (or was re-applied). */
export interface ClockTerms {
  policyId: string;
  targetSeconds: number;
  warnAtPercent: number;
  businessHoursId: string | null;
}

/**
 * One running or paused target of a conversation (a row of sla_clocks). Elapsed business time is
 * `elapsedSeconds` plus, while running, the business time since `runningSince`; the due instants follow from it.
 */
export interface SlaClock extends ClockTerms {
  target: SlaTarget;
  cycle: number;
  round: number;
  /** The customer message's own time. */
  startedAt: Date;
  elapsedSeconds: number;
  /** Null while paused (pending, snoozed). */
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** The earliest of warnAt and dueAt not yet fired, while running: what the timer workers wait for. */
  nextFireAt: Date | null;
}

export type Fired = 'warning' | 'breached';

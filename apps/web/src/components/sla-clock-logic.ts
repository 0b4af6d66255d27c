import type { Conversation, SlaState } from '../api/types';

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';
export type SlaTone = 'ok' | 'warning' | 'breached' | 'met' | 'none' | 'paused';

export interface RunningClock {
  target: SlaTarget;
  dueAt: number;
}

/** The clock that falls due first among those still running (a met first response no longer runs). */
export function soonestClock(c: Pick<Conversation, 'sla' | 'status'>): RunningClock | null {
  if (c.status === 'resolved') return null;
  const candidates: Array<[SlaTarget, string | null]> = [
    ['first_response', c.sla.firstRespondedAt ? null : c.sla.firstResponseDueAt],
    ['next_response', c.sla.nextResponseDueAt],
    ['resolution', c.sla.resolutionDueAt],
  ];
  let best: RunningClock | null = null;
  for (const [target, due] of candidates) {
    if (!due) continue;
    const dueAt = Date.parse(due);
    if (!best || dueAt < best.dueAt) best = { target, dueAt };
  }
  return best;
}

/**
 * The colour of a clock now: red once it is past due even before the server's `sla.breached` arrives, amber once
 * the server said `sla.warning` (it knows the policy's warning share), grey while pending or snoozed.
 */
export function toneOf(state: SlaState, status: Conversation['status'], clock: RunningClock | null, now: number): SlaTone {
  if (state === 'none') return 'none';
  if (!clock) return state === 'breached' ? 'breached' : state === 'met' ? 'met' : 'none';
  if (status === 'pending' || status === 'snoozed') return 'paused';
  if (state === 'breached' || clock.dueAt <= now) return 'breached';
  if (state === 'warning') return 'warning';
  return 'ok';
}

/** 45s, 4m 05s, 1h 20m, 2d 3h: two units at most, the largest first. `dayUnit` is the language's letter for days. */
export function formatDuration(ms: number, dayUnit = 'd'): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}${dayUnit} ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

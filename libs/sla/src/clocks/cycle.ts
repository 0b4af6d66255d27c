import type { SlaHappening, SlaState, SlaTarget } from '@app/inbox';
import type { Calendar } from '../calendar/business-time';
import { elapsedAt, metBy, overdue, pause, resume, startClock } from './clock-rules';
import type { ClockTerms, SlaClock } from './sla-clock';

/** The policy's numbers the clocks need (a subset of the stored policy). */
export interface PolicyTerms {
  id: string;
  name: string;
  firstResponseSeconds: number;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursId: string | null;
  warnAtPercent: number;
}

/** A conversation's SLA as stored: its cycle and its clocks. */
export interface CycleState {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  assigneeId: string | null;
  policyId: string | null;
  cycle: number;
  cycleStartedAt: Date | null;
  round: number;
  firstRespondedAt: Date | null;
  state: SlaState;
  clocks: SlaClock[];
}

/** An outcome to write: a met target, or the conclusion of a breached one (its row may exist from the breach). */
export interface OutcomeWrite {
  clock: SlaClock;
  met: boolean;
  endedAt: Date;
  /** Null for a response target that was never answered (the conversation was resolved without a reply). */
  businessSeconds: number | null;
  wallSeconds: number | null;
  agentId: string | null;
}

export interface SlaMoment {
  type: 'met';
  target: SlaTarget;
  dueAt: Date | null;
  elapsedSeconds: number;
  agentId: string | null;
}

export interface CycleResult {
  next: CycleState;
  /** Clocks found past due that no timer had fired yet: breached now, before anything else (in this order). */
  breached: SlaClock[];
  outcomes: OutcomeWrite[];
  moments: SlaMoment[];
  /** History lines: [type, reason]. */
  history: Array<[string, string]>;
}

export interface CycleContext {
  now: Date;
  /** The policy that matches the conversation now: read only when a cycle starts. */
  matching: () => PolicyTerms | null;
  /** The policy the running cycle is under (policyId), deleted or not. */
  current: () => PolicyTerms | null;
  calendar: (businessHoursId: string | null) => Calendar;
}

const RESPONSE: readonly SlaTarget[] = ['first_response', 'next_response'];
const paused = (status: CycleState['status']) => status === 'pending' || status === 'snoozed';

/**
 * One step of a conversation's SLA cycle, pure. The rules are CONTRACT.md's: the first customer message starts a
 * cycle (first response, resolution) under the policy that matches then; an answer meets the response clock and
 * the next customer message starts the next-response one; pending and snoozed pause every clock, open resumes them;
 * resolved ends the cycle. `status` in `state` is the status after the change.
 */
export function step(state: CycleState, happening: SlaHappening, ctx: CycleContext): CycleResult {
  const r: CycleResult = { next: { ...state, clocks: [...state.clocks] }, breached: [], outcomes: [], moments: [], history: [] };
  // What ran out before this happened is breached first, whether or not a timer got to it: a pause, an answer or a
  // resolution after the due instant cannot make it met.
  const instant = happening.type === 'status' ? ctx.now : happening.at;
  r.next.clocks = r.next.clocks.map((k) => {
    const late = overdue(k, instant, ctx.now);
    if (late) r.breached.push(late);
    return late ?? k;
  });
  if (happening.type === 'inbound') inbound(r, happening.at, ctx);
  if (happening.type === 'reply') answered(r, happening.at, happening.agentId, ctx);
  followStatus(r, ctx);
  r.next.state = stateOf(r, state.state);
  return r;
}

function inbound(r: CycleResult, at: Date, ctx: CycleContext): void {
  const s = r.next;
  if (!s.cycleStartedAt) {
    const policy = ctx.matching();
    Object.assign(s, { cycle: s.cycle + 1, cycleStartedAt: at, round: 0, firstRespondedAt: null, policyId: policy?.id ?? null, clocks: [] });
    if (!policy) return;
    r.history.push(['sla_policy', `SLA policy "${policy.name}" applies`]);
    start(r, 'first_response', policy.firstResponseSeconds, policy, at, ctx);
    if (policy.resolutionSeconds) start(r, 'resolution', policy.resolutionSeconds, policy, at, ctx);
    return;
  }
  // A message while a response clock runs changes nothing: the wait started with the first unanswered one.
  if (s.clocks.some((c) => RESPONSE.includes(c.target)) || !s.firstRespondedAt) return;
  const policy = s.policyId ? ctx.current() : null;
  if (policy?.nextResponseSeconds) start(r, 'next_response', policy.nextResponseSeconds, policy, at, ctx);
}

function start(r: CycleResult, target: SlaTarget, seconds: number, policy: PolicyTerms, at: Date, ctx: CycleContext): void {
  const terms: ClockTerms = { policyId: policy.id, targetSeconds: seconds, warnAtPercent: policy.warnAtPercent, businessHoursId: policy.businessHoursId };
  const s = r.next;
  const round = target === 'resolution' ? 0 : s.round;
  s.clocks.push(startClock(target, { cycle: s.cycle, round }, terms, at, { now: ctx.now, paused: false }, ctx.calendar(policy.businessHoursId)));
}

function answered(r: CycleResult, at: Date, agentId: string | null, ctx: CycleContext): void {
  const s = r.next;
  if (!s.cycleStartedAt) return;
  if (!s.firstRespondedAt) s.firstRespondedAt = at;
  // An echo of an answer written before the message it would answer (platforms deliver out of order) answers nothing.
  const clock = s.clocks.find((c) => RESPONSE.includes(c.target) && c.startedAt.getTime() <= at.getTime());
  if (!clock) return;
  s.round += 1;
  conclude(r, clock, at, agentId, ctx, true);
}

/** Ends a clock with its outcome. A response clock ended by resolution, never answered, has no response time. */
function conclude(r: CycleResult, clock: SlaClock, at: Date, agentId: string | null, ctx: CycleContext, measured: boolean): void {
  const s = r.next;
  s.clocks = s.clocks.filter((c) => c !== clock);
  const met = metBy(clock, at);
  if (!measured && met) return;
  const elapsed = elapsedAt(clock, at, ctx.calendar(clock.businessHoursId));
  r.outcomes.push({
    clock,
    met,
    endedAt: at,
    businessSeconds: measured ? Math.round(elapsed) : null,
    wallSeconds: measured ? Math.max(0, Math.round((at.getTime() - clock.startedAt.getTime()) / 1000)) : null,
    agentId,
  });
  if (met) r.moments.push({ type: 'met', target: clock.target, dueAt: clock.dueAt, elapsedSeconds: Math.round(elapsed), agentId });
  r.history.push([met ? 'sla_met' : 'sla_missed', `${label(clock.target)} ${met ? 'met' : 'breached'} after ${Math.round(elapsed)} business s (target ${clock.targetSeconds} s)`]);
}

function followStatus(r: CycleResult, ctx: CycleContext): void {
  const s = r.next;
  if (s.status === 'resolved') {
    for (const clock of [...s.clocks]) conclude(r, clock, ctx.now, s.assigneeId, ctx, clock.target === 'resolution');
    s.cycleStartedAt = null;
    return;
  }
  s.clocks = s.clocks.map((c) => (paused(s.status) ? pause(c, ctx.now, ctx.calendar(c.businessHoursId)) : resume(c, ctx.now, ctx.calendar(c.businessHoursId))));
}

/** The worst running clock; with none running, how this step's conclusions went (else what it was). */
export function stateOf(r: { next: CycleState; outcomes: OutcomeWrite[] }, before: SlaState): SlaState {
  const clocks = r.next.clocks;
  if (clocks.some((c) => c.breachedAt)) return 'breached';
  if (clocks.some((c) => c.warnedAt)) return 'warning';
  if (clocks.length > 0) return 'ok';
  if (r.outcomes.length > 0) return r.outcomes.every((o) => o.met) ? 'met' : 'breached';
  if (!r.next.policyId) return 'none';
  return before === 'warning' || before === 'ok' ? 'none' : before;
}

export function label(target: SlaTarget): string {
  return target === 'first_response' ? 'first response' : target === 'next_response' ? 'next response' : 'resolution';
}

import type { SlaHappening } from '@app/inbox';
import type { Calendar } from '../calendar/business-time';
import { fire } from './clock-rules';
import { step, type CycleState, type PolicyTerms } from './cycle';

const policy: PolicyTerms = { id: 'p1', name: 'P', firstResponseSeconds: 600, nextResponseSeconds: 1200, resolutionSeconds: 3600, businessHoursId: null, warnAtPercent: 80 };
const t = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, minutes));
const fresh: CycleState = { status: 'open', assigneeId: 'a1', policyId: null, cycle: 0, cycleStartedAt: null, round: 0, firstRespondedAt: null, state: 'none', clocks: [] };

function run(state: CycleState, happening: SlaHappening, now: Date, status: CycleState['status'] = state.status, matching: PolicyTerms | null = policy) {
  return step({ ...state, status }, happening, { now, matching: () => matching, current: () => policy, calendar: (): Calendar => null });
}

describe('an SLA cycle', () => {
  const started = run(fresh, { type: 'inbound', at: t(0) }, t(1));

  it('starts at the customer message with first response and resolution, under the matching policy', () => {
    expect(started.next).toMatchObject({ cycle: 1, cycleStartedAt: t(0), policyId: 'p1', state: 'ok' });
    expect(started.next.clocks.map((c) => [c.target, c.dueAt, c.warnAt])).toEqual([
      ['first_response', t(10), t(8)],
      ['resolution', t(60), t(48)],
    ]);
    expect(started.history.map(([type]) => type)).toEqual(['sla_policy']);
  });

  it('without a matching policy, runs no clocks', () => {
    const none = run(fresh, { type: 'inbound', at: t(0) }, t(0), 'open', null);
    expect(none.next).toMatchObject({ cycle: 1, policyId: null, clocks: [], state: 'none' });
  });

  it('a reply meets the response clock and the next message starts next response in the next round', () => {
    const answered = run(started.next, { type: 'reply', at: t(4), agentId: 'a1' }, t(4));
    expect(answered.outcomes).toEqual([expect.objectContaining({ met: true, businessSeconds: 240, wallSeconds: 240, agentId: 'a1' })]);
    expect(answered.moments).toEqual([expect.objectContaining({ type: 'met', target: 'first_response', elapsedSeconds: 240 })]);
    expect(answered.next).toMatchObject({ round: 1, firstRespondedAt: t(4) });
    const again = run(answered.next, { type: 'inbound', at: t(5) }, t(5));
    expect(again.next.clocks.find((c) => c.target === 'next_response')).toMatchObject({ round: 1, dueAt: t(25) });
    // A second message while waiting changes nothing.
    const third = run(again.next, { type: 'inbound', at: t(7) }, t(7));
    expect(third.next.clocks).toEqual(again.next.clocks);
  });

  it('pauses while pending and resumes where it stopped', () => {
    const pending = run(started.next, { type: 'status' }, t(3), 'pending');
    const frozen = pending.next.clocks.find((c) => c.target === 'first_response')!;
    expect(frozen).toMatchObject({ runningSince: null, dueAt: null, nextFireAt: null, elapsedSeconds: 180 });
    const open = run(pending.next, { type: 'status' }, t(20), 'open');
    expect(open.next.clocks.find((c) => c.target === 'first_response')!.dueAt).toEqual(t(27));
  });

  it('a reply at the due instant itself is met, a millisecond later is not', () => {
    expect(run(started.next, { type: 'reply', at: t(10), agentId: null }, t(10)).outcomes[0]!.met).toBe(true);
    const late = new Date(t(10).getTime() + 1);
    expect(run(started.next, { type: 'reply', at: late, agentId: null }, late).outcomes[0]!.met).toBe(false);
  });

  it('resolution concludes resolution, drops an unbreached response clock and ends the cycle', () => {
    const resolved = run(started.next, { type: 'status' }, t(5), 'resolved');
    expect(resolved.outcomes).toEqual([expect.objectContaining({ met: true, businessSeconds: 300, clock: expect.objectContaining({ target: 'resolution' }) })]);
    expect(resolved.next).toMatchObject({ clocks: [], cycleStartedAt: null, state: 'met' });
    const reopened = run(resolved.next, { type: 'inbound', at: t(40) }, t(40));
    expect(reopened.next).toMatchObject({ cycle: 2, round: 0, firstRespondedAt: null });
  });

  it('a response clock past due when the conversation is resolved is breached (even before a timer fired), with no response time', () => {
    const resolved = run(started.next, { type: 'status' }, t(30), 'resolved');
    expect(resolved.outcomes.map((o) => [o.clock.target, o.met, o.businessSeconds])).toEqual([
      ['first_response', false, null],
      ['resolution', true, 1800],
    ]);
  });

  it('a breached response clock ended by resolution is recorded breached, with no response time', () => {
    const breached = started.next.clocks.map((c) => (c.target === 'first_response' ? fire(c, t(11)).clock : c));
    const resolved = run({ ...started.next, clocks: breached }, { type: 'status' }, t(30), 'resolved');
    expect(resolved.outcomes.map((o) => [o.clock.target, o.met, o.businessSeconds])).toEqual([
      ['first_response', false, null],
      ['resolution', true, 1800],
    ]);
    expect(resolved.next.state).toBe('breached');
  });

  it('a clock past due that no timer fired is breached before a pause, and stays breached when answered later', () => {
    const pending = run(started.next, { type: 'status' }, t(15), 'pending');
    expect(pending.breached.map((c) => c.target)).toEqual(['first_response']);
    expect(pending.next.state).toBe('breached');
    const answered = run(pending.next, { type: 'reply', at: t(20), agentId: 'a1' }, t(20));
    expect(answered.outcomes).toEqual([expect.objectContaining({ met: false, businessSeconds: 900 })]);
  });

  it('a breached clock keeps its due instant through a pause and a resume', () => {
    const breached = started.next.clocks.map((c) => (c.target === 'first_response' ? fire(c, t(11)).clock : c));
    const pending = run({ ...started.next, clocks: breached }, { type: 'status' }, t(12), 'pending');
    const open = run(pending.next, { type: 'status' }, t(40), 'open');
    expect(open.next.clocks.find((c) => c.target === 'first_response')).toMatchObject({ dueAt: t(10), nextFireAt: null });
  });

  it('an answer given in time but learned of after the breach fired (a late echo) is met', () => {
    const breached = started.next.clocks.map((c) => (c.target === 'first_response' ? fire(c, t(11)).clock : c));
    const echo = run({ ...started.next, clocks: breached }, { type: 'reply', at: t(9), agentId: null }, t(12));
    expect(echo.outcomes).toEqual([expect.objectContaining({ met: true, businessSeconds: 540 })]);
  });

  it('an echo written before the message it would answer answers nothing', () => {
    const echo = run(started.next, { type: 'reply', at: new Date(t(0).getTime() - 60_000), agentId: null }, t(2));
    expect(echo.outcomes).toEqual([]);
  });
});

describe('fire', () => {
  const clock = run(fresh, { type: 'inbound', at: t(0) }, t(0)).next.clocks[0]!;

  it('warns at the threshold, then breaches after the due instant, once each', () => {
    expect(fire(clock, new Date(t(8).getTime() - 1)).fired).toBeNull();
    const warned = fire(clock, t(8));
    expect(warned.fired).toBe('warning');
    expect(warned.clock.nextFireAt).toEqual(new Date(t(10).getTime() + 1));
    expect(fire(warned.clock, t(9)).fired).toBeNull();
    expect(fire(warned.clock, t(10)).fired).toBeNull();
    const breached = fire(warned.clock, new Date(t(10).getTime() + 1));
    expect(breached.fired).toBe('breached');
    expect(breached.clock.nextFireAt).toBeNull();
  });

  it('sends only the breach when both instants passed unseen', () => {
    const late = fire(clock, t(30));
    expect(late.fired).toBe('breached');
    expect(late.clock.warnedAt).toEqual(t(30));
    expect(fire(late.clock, t(31)).fired).toBeNull();
  });
});

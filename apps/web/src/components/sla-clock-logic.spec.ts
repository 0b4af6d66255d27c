import type { Conversation } from '../api/types';
import { formatDuration, soonestClock, toneOf } from './sla-clock-logic';

const at = (iso: string) => Date.parse(iso);
function conversation(sla: Partial<Conversation['sla']>, status: Conversation['status'] = 'open'): Pick<Conversation, 'sla' | 'status'> {
  return {
    status,
    sla: { policyId: 'p', firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, state: 'ok', ...sla },
  };
}

describe('the SLA clock of a conversation', () => {
  it('runs the soonest of its running clocks', () => {
    const c = conversation({ firstResponseDueAt: '2026-12-01T10:30:00Z', resolutionDueAt: '2026-12-01T18:00:00Z' });
    expect(soonestClock(c)).toEqual({ target: 'first_response', dueAt: at('2026-12-01T10:30:00Z') });
  });

  it('no longer runs a first response once it was given', () => {
    const c = conversation({ firstResponseDueAt: '2026-12-01T10:30:00Z', firstRespondedAt: '2026-12-01T10:10:00Z', resolutionDueAt: '2026-12-01T18:00:00Z' });
    expect(soonestClock(c)?.target).toBe('resolution');
  });

  it('has no running clock when resolved', () => {
    expect(soonestClock(conversation({ resolutionDueAt: '2026-12-01T18:00:00Z' }, 'resolved'))).toBeNull();
  });

  it('turns red at the due instant even before the server says breached, amber only on the server warning', () => {
    const clock = { target: 'first_response' as const, dueAt: at('2026-12-01T10:30:00Z') };
    expect(toneOf('ok', 'open', clock, at('2026-12-01T10:29:59Z'))).toBe('ok');
    expect(toneOf('warning', 'open', clock, at('2026-12-01T10:29:59Z'))).toBe('warning');
    expect(toneOf('ok', 'open', clock, at('2026-12-01T10:30:00Z'))).toBe('breached');
    expect(toneOf('breached', 'open', clock, at('2026-12-01T10:00:00Z'))).toBe('breached');
  });

  it('is paused (grey) while pending or snoozed, and shows how the last clock ended when none runs', () => {
    const clock = { target: 'next_response' as const, dueAt: at('2026-12-01T10:30:00Z') };
    expect(toneOf('warning', 'pending', clock, at('2026-12-01T11:00:00Z'))).toBe('paused');
    expect(toneOf('ok', 'snoozed', clock, at('2026-12-01T11:00:00Z'))).toBe('paused');
    expect(toneOf('met', 'open', null, 0)).toBe('met');
    expect(toneOf('breached', 'resolved', null, 0)).toBe('breached');
    expect(toneOf('none', 'open', clock, 0)).toBe('none');
  });
});

describe('durations', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [-45_000, '45s'],
    [245_000, '4m 05s'],
    [4_800_000, '1h 20m'],
    [3 * 86_400_000 + 7_200_000 + 59_000, '3d 2h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('uses the language letter for days', () => {
    expect(formatDuration(2 * 86_400_000, 'g')).toBe('2g 0h');
  });
});

import type { DataSource } from 'typeorm';
import { WORK_CHANNEL, WorkSignals } from './work-signals';

describe('WorkSignals', () => {
  const sent: unknown[][] = [];
  const db = { query: async (...args: unknown[]) => void sent.push(args) } as unknown as DataSource;

  it('wakes this process directly, tells the others through NOTIFY, and ignores its own NOTIFY coming back', () => {
    const here = new WorkSignals(db);
    const elsewhere = new WorkSignals(db);
    const woken: string[] = [];
    here.on('events', () => woken.push('here'));
    elsewhere.on('events', () => woken.push('elsewhere'));

    here.notify('events');
    expect(woken).toEqual(['here']);
    const [, [channel, payload]] = sent[0] as [string, [string, string]];
    expect(channel).toBe(WORK_CHANNEL);
    here.received(payload);
    elsewhere.received(payload);
    expect(woken).toEqual(['here', 'elsewhere']);
  });

  it('ignores payloads that are not a known kind', () => {
    const signals = new WorkSignals(db);
    const woken: string[] = [];
    signals.on('events', () => woken.push('x'));
    for (const p of ['', 'nonsense', 'newListener:abc', 'events']) signals.received(p);
    expect(woken).toEqual(['x']);
  });
});

import { DEMO_PEOPLE } from '../cli/demo-task-force';
import { demoBanner, trafficPace } from './demo-banner';

describe('the demo workspace banner', () => {
  const summary = { channels: 9, roles: 3, people: DEMO_PEOPLE, password: 'pw-123', passwordFile: '/data/demo-password', perMinute: 8, fakePlatformUrl: 'http://127.0.0.1:4010', stale: 0 };

  it('says what the workspace holds and lists every sign-in with its access level, aligned', () => {
    const lines = demoBanner(summary).trim().split('\n');
    expect(lines[0]).toBe('Demo workspace: 9 channels, 3 roles, 5 people, live traffic every ~8 s (DEMO=false turns it off)');
    expect(lines.slice(1, 6)).toEqual([
      '  lead:       lead@dagino.example / pw-123        Lorenzo (lead)',
      '  supervisor: supervisor@dagino.example / pw-123  Sofia (supervisor)',
      '  agent:      giulia@dagino.example / pw-123      Giulia Rossi',
      '  agent:      marco@dagino.example / pw-123       Marco Bianchi',
      '  agent:      emma@dagino.example / pw-123        Emma Clarke',
    ]);
    expect(lines[6]).toBe('  The password is random, made for this data directory and kept in /data/demo-password.');
    expect(lines.at(-1)).toContain('http://127.0.0.1:4010');
    expect(demoBanner(summary)).not.toContain('earlier fake platform address');
  });

  it('warns about channels the demo could not move to its fake platform', () => {
    expect(demoBanner({ ...summary, stale: 9 })).toContain('9 demo channel(s) still send replies to an earlier fake platform address: moving them takes the admin');
  });

  it.each([
    [8, 'live traffic every ~8 s'],
    [6, 'live traffic every ~10 s'],
    [60, 'live traffic every ~1 s'],
    [120, 'live traffic every ~0.5 s'],
    [0, 'no live traffic (DEMO_RATE=0)'],
  ])('reads %d events a minute as "%s"', (perMinute, pace) => {
    expect(trafficPace(perMinute)).toBe(pace);
  });
});

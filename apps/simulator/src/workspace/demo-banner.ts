import type { DemoPerson } from '../cli/demo-task-force';

export interface DemoSummary {
  channels: number;
  roles: number;
  people: ReadonlyArray<Pick<DemoPerson, 'access' | 'email' | 'name'>>;
  password: string;
  /** Where the password is kept, so a reader knows it stays the same from one start to the next. */
  passwordFile: string;
  perMinute: number;
  fakePlatformUrl: string;
  /** Demo channels that still send replies to an earlier fake platform address. */
  stale: number;
}

/** How often an event comes, as a person reads it: "every ~8 s". */
export function trafficPace(perMinute: number): string {
  if (perMinute <= 0) return 'no live traffic (DEMO_RATE=0)';
  const seconds = 60 / perMinute;
  return `live traffic every ~${seconds >= 2 ? Math.round(seconds) : Number(seconds.toFixed(1))} s`;
}

/** What `npm start` prints once the demo workspace runs, below the admin's sign-in. */
export function demoBanner(s: DemoSummary): string {
  const signIns = s.people.map((p) => `${p.email} / ${s.password}`);
  const width = Math.max(0, ...signIns.map((line) => line.length));
  const lines = [
    `Demo workspace: ${s.channels} channels, ${s.roles} roles, ${s.people.length} people, ${trafficPace(s.perMinute)} (DEMO=false turns it off)`,
    ...s.people.map((p, i) => `  ${`${p.access}:`.padEnd(12)}${signIns[i]!.padEnd(width)}  ${p.name}`),
    `  The password is random, made for this data directory and kept in ${s.passwordFile}.`,
    '  Agents get conversations while signed in and online; leads, supervisors and the admin see every queue.',
    `  Replies go to the demo's fake platform at ${s.fakePlatformUrl}.`,
  ];
  if (s.stale > 0) {
    lines.push(`  ${s.stale} demo channel(s) still send replies to an earlier fake platform address: moving them takes the admin, whose password the demo no longer knows.`);
  }
  return `\n${lines.join('\n')}\n`;
}

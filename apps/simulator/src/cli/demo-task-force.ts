import { DeskError, type DeskClient } from '../desk/desk-client';

/**
 * The password `simulate demo` gives the demo's people: that command is run by hand against a desk of one's own.
 * `npm start`'s demo workspace never uses it: it generates one per data directory (workspace/demo-password.ts).
 */
export const DEMO_PASSWORD = 'demo-password-2026';

/** The demo's people: a lead, a supervisor and three community managers, all with the same password. */

export const DEMO_PEOPLE = [
  { key: 'lead', name: 'Lorenzo (lead)', email: 'lead@dagino.example', access: 'lead' },
  { key: 'sofia', name: 'Sofia (supervisor)', email: 'supervisor@dagino.example', access: 'supervisor' },
  { key: 'giulia', name: 'Giulia Rossi', email: 'giulia@dagino.example', access: 'agent' },
  { key: 'marco', name: 'Marco Bianchi', email: 'marco@dagino.example', access: 'agent' },
  { key: 'emma', name: 'Emma Clarke', email: 'emma@dagino.example', access: 'agent' },
] as const;

export const DEMO_ROLES = [
  { key: 'care', name: 'Customer care', description: 'Questions, orders and everyday requests', assignment: 'round_robin', acceptanceSeconds: 900 },
  { key: 'bookings', name: 'Bookings', description: 'Tables, events and changes to reservations', assignment: 'least_busy' },
  { key: 'pr', name: 'PR and reputation', description: 'Complaints in public, influencers, press', assignment: 'manual' },
] as const;

type Key<T extends ReadonlyArray<{ key: string }>> = T[number]['key'];
interface Named {
  id: string;
  name?: string;
  email?: string;
}
export type DemoPerson = (typeof DEMO_PEOPLE)[number];

/** The demo's people and roles that exist on the desk (a lead or an admin may look). */
export async function findDemoTaskForce(desk: DeskClient): Promise<{ people: DemoPerson[]; roles: number }> {
  const users = (await desk.api<{ items: Named[] }>('GET', '/api/users')).items;
  const roles = (await desk.api<{ items: Named[] }>('GET', '/api/roles')).items;
  return {
    people: DEMO_PEOPLE.filter((p) => users.some((u) => u.email?.toLowerCase() === p.email)),
    roles: DEMO_ROLES.filter((r) => roles.some((x) => x.name === r.name)).length,
  };
}

/**
 * A task force for the demo restaurant, made through the public API as a lead would: people, roles with members
 * and capacities, a responsibility map in Italian and English, canned responses, a reply policy and SLA policies.
 * Safe to run again: what exists already (same e-mail, role name, shortcut; any SLA policy) is reused.
 */
export async function createDemoTaskForce(desk: DeskClient, log: (line: string) => void, password: string): Promise<void> {
  const people = await ensurePeople(desk, password);
  const roles = await ensureRoles(desk);
  await desk.api('PUT', `/api/roles/${roles.care}/members`, { members: [{ userId: people.giulia, capacity: 5 }, { userId: people.marco, capacity: 5 }] });
  await desk.api('PUT', `/api/roles/${roles.bookings}/members`, { members: [{ userId: people.giulia, capacity: 8 }, { userId: people.emma }] });
  await desk.api('PUT', `/api/roles/${roles.pr}/members`, { members: [{ userId: people.emma, capacity: 3 }] });
  await desk.api('PATCH', `/api/roles/${roles.care}`, { escalationRoleId: roles.pr });
  const map = await desk.api<{ version: number }>('PUT', '/api/responsibility-map', {
    defaultRoleId: roles.care,
    rules: [
      { name: 'Influencers', when: { minFollowers: 10_000 }, then: { roleId: roles.pr, priority: 'high', tags: ['influencer'] } },
      {
        name: 'Public complaints',
        when: { kinds: ['comment', 'mention'], sentiment: 'negative' },
        then: { roleId: roles.pr, priority: 'urgent', tags: ['complaint'] },
      },
      {
        name: 'Refunds and billing',
        when: { keywords: ['rimborso', 'refund', 'addebitato', 'charged twice', 'conto', 'bill'] },
        then: { roleId: roles.care, priority: 'high', tags: ['billing'] },
      },
      {
        name: 'Bookings',
        when: { keywords: ['prenotare', 'prenotazione', 'tavolo', 'posto', 'book', 'booking', 'reservation', 'table'] },
        then: { roleId: roles.bookings, tags: ['booking'] },
      },
    ],
  });
  log(`  responsibility map v${map.version}: influencers and public complaints → PR, refunds → care, bookings → Bookings, the rest → care`);
  await optional(log, 'canned responses', async () => {
    const existing = (await desk.api<{ items: Array<{ shortcut: string | null }> }>('GET', '/api/canned-responses')).items;
    const taken = new Set(existing.map((c) => c.shortcut?.toLowerCase()));
    for (const canned of CANNED(roles)) if (!taken.has(canned.shortcut)) await desk.api('POST', '/api/canned-responses', canned);
  });
  await optional(log, 'reply policy', () =>
    desk.api('PUT', '/api/reply-policy', {
      blockTerms: ['idiota', 'stupido', 'idiot', 'stupid'],
      warnTerms: ['gratis', 'free', 'garantito', 'guaranteed'],
      approvalTopics: [{ name: 'refund', terms: ['rimborso', 'refund', 'risarcimento', 'compensation'] }],
    }),
  );
  await optional(log, 'SLA policies, service hours and the consistency target', () => ensureSla(desk, roles));
  for (const p of DEMO_PEOPLE) log(`  ${p.access.padEnd(10)} ${p.email} / ${password}`);
}

/**
 * The restaurant's social desk answers within 15 minutes around the clock, so a demo always has clocks running;
 * bookings are timed in its service hours (lunch and dinner: a split shift, closed on Mondays and at Christmas).
 * Every day, 90% of first responses must be on time.
 */
async function ensureSla(desk: DeskClient, roles: Record<Key<typeof DEMO_ROLES>, string>): Promise<void> {
  await desk.api('PUT', '/api/workspace/settings', { timezone: 'Europe/Rome', consistency: { period: 'day', minAttainment: 0.9 } });
  const existing = (await desk.api<{ items: Named[] }>('GET', '/api/sla-policies')).items;
  if (existing.length > 0) return;
  const days = [2, 3, 4, 5, 6, 7];
  const hours = await desk.api<Named>('POST', '/api/business-hours', {
    name: 'Service hours',
    timezone: 'Europe/Rome',
    weekly: days.flatMap((day) => [
      { day, from: '11:00', to: '15:00' },
      { day, from: '18:00', to: '23:30' },
    ]),
    holidays: ['2026-12-25', '2027-01-01'],
  });
  const targets = { firstResponseSeconds: 900, nextResponseSeconds: 1800, resolutionSeconds: 8 * 3600 };
  const policies = [
    { name: 'Urgent complaints', when: { priorities: ['urgent'] }, ...targets, resolutionSeconds: 4 * 3600, onBreach: 'escalate' },
    { name: 'Influencers and PR', when: { roleIds: [roles.pr] }, firstResponseSeconds: 1800, nextResponseSeconds: 3600 },
    { name: 'Bookings in service hours', when: { roleIds: [roles.bookings] }, ...targets, businessHoursId: hours.id },
    { name: 'Everything else', when: {}, ...targets },
  ];
  for (const policy of policies) await desk.api('POST', '/api/sla-policies', policy);
}

const CANNED = (roles: Record<Key<typeof DEMO_ROLES>, string>) => [
  { name: 'Grazie', shortcut: 'grazie', language: 'it', text: 'Grazie mille {{contact.firstName}}! A presto da Gino. {{agent.firstName}}' },
  { name: 'Thanks', shortcut: 'thanks', language: 'en', text: 'Thank you so much {{contact.firstName}}! See you soon at Gino’s. {{agent.firstName}}' },
  {
    name: 'Prenotazione confermata',
    shortcut: 'pren-ok',
    language: 'it',
    roleId: roles.bookings,
    text: 'Ciao {{contact.firstName}}, la tua prenotazione è confermata. Ti aspettiamo! {{agent.firstName}}',
  },
  {
    name: 'Booking confirmed',
    shortcut: 'book-ok',
    language: 'en',
    roleId: roles.bookings,
    text: 'Hi {{contact.firstName}}, your table is booked. See you then! {{agent.firstName}}',
  },
  {
    name: 'Ci scusiamo',
    shortcut: 'scuse',
    language: 'it',
    roleId: roles.care,
    text: 'Ciao {{contact.firstName}}, ci dispiace molto. Ti scriviamo in privato per sistemare tutto. {{agent.firstName}}',
  },
];

/** People who exist already keep their password. */
async function ensurePeople(desk: DeskClient, password: string): Promise<Record<Key<typeof DEMO_PEOPLE>, string>> {
  const existing = (await desk.api<{ items: Named[] }>('GET', '/api/users')).items;
  const ids = {} as Record<Key<typeof DEMO_PEOPLE>, string>;
  for (const p of DEMO_PEOPLE) {
    const found = existing.find((u) => u.email?.toLowerCase() === p.email);
    ids[p.key] = found ? found.id : (await desk.api<Named>('POST', '/api/users', { email: p.email, name: p.name, password, access: p.access })).id;
  }
  return ids;
}

async function ensureRoles(desk: DeskClient): Promise<Record<Key<typeof DEMO_ROLES>, string>> {
  const existing = (await desk.api<{ items: Named[] }>('GET', '/api/roles')).items;
  const ids = {} as Record<Key<typeof DEMO_ROLES>, string>;
  for (const r of DEMO_ROLES) {
    const { key, ...body } = r;
    const found = existing.find((x) => x.name === r.name);
    ids[key] = found ? found.id : (await desk.api<Named>('POST', '/api/roles', body)).id;
  }
  return ids;
}

/** Parts of the demo that are a convenience: a failure is reported and the demo goes on. */
async function optional(log: (line: string) => void, what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
    log(`  ${what}: created`);
  } catch (err) {
    log(`  ${what}: skipped (${err instanceof DeskError ? err.message : String(err)})`);
  }
}

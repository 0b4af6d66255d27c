import { DeskClient } from '../../apps/simulator/src/desk/desk-client';
import { createDemoTaskForce, DEMO_PASSWORD } from '../../apps/simulator/src/cli/demo-task-force';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { bearer } from '../support/http';
import { conversationsOf, createChannel, deliver, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

/** The simulator's demo task force, built through the public API, routes and assigns the demo's kind of traffic. */
describe("the demo's task force", () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  const lines: string[] = [];
  let giulia: LiveClient;

  beforeAll(async () => {
    desk = await startTestDesk();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'api');
    const client = await DeskClient.signIn(desk.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await createDemoTaskForce(client, (line) => lines.push(line), DEMO_PASSWORD);
    // Running it again reuses people and roles instead of failing.
    await createDemoTaskForce(client, (line) => lines.push(line), DEMO_PASSWORD);
    giulia = await connected(desk.url, { token: await signIn(desk, 'giulia@dagino.example', DEMO_PASSWORD) });
    // Five new people mean five argon2 hashes (deliberately slow): more than the default on a busy machine.
  }, 60_000);
  afterAll(async () => {
    giulia?.close();
    await desk.shutdown();
  });

  it('creates people, roles, a map, canned responses and a policy, and prints the sign-ins', async () => {
    const roles = (await desk.http().get('/api/roles').set(bearer(admin))).body.items as Array<{ name: string; members: unknown[] }>;
    expect(roles.map((r) => r.name)).toEqual(['Bookings', 'Customer care', 'PR and reputation']);
    expect((await desk.http().get('/api/responsibility-map').set(bearer(admin))).body).toMatchObject({ version: 2 });
    expect((await desk.http().get('/api/canned-responses').set(bearer(admin))).body.items).toHaveLength(5);
    expect((await desk.http().get('/api/reply-policy').set(bearer(admin))).body.blockTerms).toContain('idiota');
    expect(lines).toEqual(expect.arrayContaining(['  canned responses: created', '  reply policy: created', '  SLA policies, service hours and the consistency target: created']));
    const policies = (await desk.http().get('/api/sla-policies').set(bearer(admin))).body.items as Array<{ name: string }>;
    expect(policies.map((p) => p.name)).toEqual(['Urgent complaints', 'Influencers and PR', 'Bookings in service hours', 'Everything else']);
    expect((await desk.http().get('/api/workspace/settings').set(bearer(admin))).body).toEqual({ timezone: 'Europe/Rome', consistency: { period: 'day', minAttainment: 0.9 } });
    // Five people (a lead, a supervisor, three agents), printed by each of the two runs.
    expect(lines.filter((l) => l.includes(DEMO_PASSWORD))).toHaveLength(10);
    expect((await desk.http().get('/api/users').set(bearer(admin))).body.items.map((u: { access: string }) => u.access).sort()).toEqual(['admin', 'agent', 'agent', 'agent', 'lead', 'supervisor']);
  });

  it('routes a booking to Bookings and hands it to the online member', async () => {
    const text = 'Vorrei prenotare un tavolo per 4 persone sabato sera';
    expect((await deliver(desk, channel, JSON.stringify({ id: 'demo-1', kind: 'message', author: { id: 'cust-1', name: 'Chiara' }, text }))).status).toBe(200);
    const [conversation] = await eventually(async () => {
      const found = await conversationsOf(desk, admin, { q: 'prenotare' });
      return found.length > 0 && found[0].assigneeId ? found : undefined;
    }, 10_000, 'the booking routed and assigned');
    const bookings = ((await desk.http().get('/api/roles').set(bearer(admin))).body.items as Array<{ id: string; name: string }>).find((r) => r.name === 'Bookings')!;
    expect(conversation).toMatchObject({ roleId: bookings.id, language: 'it', tags: ['booking'], routing: { rule: 'Bookings', mapVersion: 2 } });
    // Bookings are timed in the restaurant's service hours.
    const bookingsPolicy = ((await desk.http().get('/api/sla-policies').set(bearer(admin))).body.items as Array<{ id: string; name: string }>).find((p) => p.name === 'Bookings in service hours')!;
    expect(conversation.sla).toMatchObject({ policyId: bookingsPolicy.id, state: 'ok', firstResponseDueAt: expect.any(String) });
    expect(conversation.assigneeId).toBe((await desk.http().get('/api/me').set(bearer(await signIn(desk, 'giulia@dagino.example', DEMO_PASSWORD)))).body.id);
  });
});

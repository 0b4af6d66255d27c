import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../apps/simulator/src/cli/demo-task-force';
import { DEMO_PASSWORD_FILE } from '../../apps/simulator/src/workspace/demo-password';
import { createTestDatabase, type TestDatabase } from '../../libs/db/src/testing/test-database';
import { freePort, makeDataDir, spawnDesk, waitForHealth, type DeskProcess } from '../support/desk-process';

/** What `npm start` runs once the build is there. */
const START = join(__dirname, '../../scripts/start.js');

// The desk starts twice on a fresh database, with the demo setting up; a loaded 2-core machine needs the room.
jest.setTimeout(180_000);

async function get<T>(desk: DeskProcess, token: string, path: string): Promise<T> {
  const res = await fetch(`${desk.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = (desk: DeskProcess, email: string, password: string): Promise<Response> =>
  fetch(`${desk.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

async function signIn(desk: DeskProcess, email: string, password: string): Promise<string> {
  const res = await login(desk, email, password);
  if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const signInAsAdmin = (desk: DeskProcess): Promise<string> => signIn(desk, 'admin@localhost', /^\s*password: (\S+)$/m.exec(desk.output())![1]!);

/** The demo people's password as the banner prints it, beside the lead's e-mail. */
const printedDemoPassword = (desk: DeskProcess): string => /lead:\s+lead@dagino\.example \/ (\S+)/.exec(desk.output())![1]!;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, desk: DeskProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; output:\n${desk.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface ListedConversation {
  id: string;
  roleId: string | null;
  assigneeId: string | null;
  lastMessageAt: string;
  preview?: string | null;
  sla: { firstResponseDueAt: string | null; firstRespondedAt: string | null };
}

/** Every conversation the admin sees, over all pages. */
async function conversations(desk: DeskProcess, token: string): Promise<ListedConversation[]> {
  const items: ListedConversation[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: ListedConversation[]; nextCursor?: string | null }>(desk, token, `/api/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const conversationIds = async (desk: DeskProcess, token: string): Promise<Set<string>> => new Set((await conversations(desk, token)).map((c) => c.id));

interface BoardItem {
  target: string;
  remainingSeconds: number;
  conversation: { sla: { state: string } };
}

/** How many of each thing the demo makes, as the admin sees it. */
async function counts(desk: DeskProcess, token: string): Promise<Record<string, number>> {
  const paths = ['channels', 'users', 'roles', 'sla-policies', 'business-hours', 'canned-responses'];
  const entries = await Promise.all(paths.map(async (p) => [p, (await get<{ items: unknown[] }>(desk, token, `/api/${p}`)).items.length] as const));
  const map = await get<{ version: number }>(desk, token, '/api/responsibility-map');
  return { ...Object.fromEntries(entries), 'responsibility-map version': map.version };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The command lines of the processes `npm start` started (POSIX ps, so it reads the same on Linux and macOS). */
function childrenOf(desk: DeskProcess): string[] {
  const table = execFileSync('ps', ['-A', '-o', 'ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) === desk.child.pid)
    .map((m) => m[2]!);
}

async function stop(desk: DeskProcess): Promise<void> {
  desk.child.kill('SIGTERM');
  expect(await desk.exited).toBe(0);
}

interface Channel {
  type: string;
  config: { apiBaseUrl?: string; replyUrl?: string };
}
const platformCalls = (c: Channel): string => c.config.replyUrl ?? c.config.apiBaseUrl ?? '';

/** `npm start` as a real process: the desk, and beside it the demo workspace (DEMO), set up once and kept live. */
describe('npm start with the demo workspace', () => {
  const databases: TestDatabase[] = [];
  const dataDirs: string[] = [];
  const desks: DeskProcess[] = [];
  let blocker: Server | undefined;

  async function start(env: Record<string, string>): Promise<DeskProcess> {
    const desk = spawnDesk(env, await freePort(), START);
    desks.push(desk);
    await waitForHealth(desk);
    return desk;
  }

  async function freshEnv(extra: Record<string, string>): Promise<Record<string, string>> {
    const db = await createTestDatabase();
    databases.push(db);
    const dataDir = makeDataDir();
    dataDirs.push(dataDir);
    // With DATABASE_URL the demo is off unless asked for.
    return { DATABASE_URL: db.url, DATA_DIR: dataDir, ...extra };
  }

  afterAll(async () => {
    for (const desk of desks) if (desk.child.exitCode === null) desk.child.kill('SIGTERM');
    await Promise.all(desks.map((d) => d.exited));
    blocker?.close();
    for (const db of databases) await db.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sets up channels, roles, people and SLA policies once, keeps conversations coming, survives a restart and exits 0', async () => {
    const platformPort = await freePort();
    const env = await freshEnv({ DEMO: 'true', DEMO_RATE: '60', DEMO_PLATFORM_PORT: String(platformPort) });

    const first = await start(env);
    await until('the demo banner', () => first.output().includes('Demo workspace:'), 30_000, first);
    const printed = first.output();
    // The admin's sign-in comes first, then the demo's people, each with their access level.
    expect(printed.indexOf('password:')).toBeGreaterThan(-1);
    expect(printed.indexOf('password:')).toBeLessThan(printed.indexOf('Demo workspace:'));
    expect(printed).toContain('Demo workspace: 9 channels, 3 roles, 5 people, live traffic every ~1 s (DEMO=false turns it off)');
    // The demo people's password is random, made for this data directory, kept there (0600) and printed.
    const password = printedDemoPassword(first);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(password).not.toBe(DEMO_PASSWORD);
    const passwordFile = join(env.DATA_DIR!, DEMO_PASSWORD_FILE);
    expect(readFileSync(passwordFile, 'utf8')).toBe(password);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(printed).toContain(`kept in ${passwordFile}`);
    for (const [access, email] of [
      ['lead', 'lead@dagino.example'],
      ['supervisor', 'supervisor@dagino.example'],
      ['agent', 'giulia@dagino.example'],
    ]) {
      expect(printed).toMatch(new RegExp(`${access}:\\s+${email.replace(/\./g, '\\.')} / ${password}`));
    }
    expect(printed).toContain(`fake platform at http://127.0.0.1:${platformPort}`);
    const children = childrenOf(first);
    expect(children).toHaveLength(2);
    expect(children).toEqual(expect.arrayContaining([expect.stringMatching(/api\/src\/main\.js$/), expect.stringMatching(/simulator\/src\/main\.js workspace$/)]));

    const admin = await signInAsAdmin(first);
    const before = await counts(first, admin);
    expect(before).toEqual({
      channels: 9,
      users: 6,
      roles: 3,
      'sla-policies': 4,
      'business-hours': 1,
      'canned-responses': 5,
      'responsibility-map version': 1,
    });
    const channels = (await get<{ items: Channel[] }>(first, admin, '/api/channels')).items;
    for (const channel of channels) expect(platformCalls(channel)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${platformPort}/`));
    const policies = (await get<{ items: Array<{ businessHoursId: string | null; firstResponseSeconds: number }> }>(first, admin, '/api/sla-policies')).items;
    expect(policies.some((p) => p.businessHoursId !== null)).toBe(true);
    expect(policies.map((p) => p.firstResponseSeconds)).toContain(900);
    const roles = (await get<{ items: Array<{ id: string; members: unknown[] }> }>(first, admin, '/api/roles')).items;
    expect(roles.every((r) => r.members.length > 0)).toBe(true);
    // The demo's people sign in with the printed password, and not with the one the README once published.
    await signIn(first, 'giulia@dagino.example', password);
    expect((await login(first, 'supervisor@dagino.example', DEMO_PASSWORD)).status).toBe(401);

    // The first start files the last 40 minutes of a trattoria's desk, routed to the roles and timed.
    let seen = new Set<string>();
    await until('conversations in the inbox', async () => (seen = await conversationIds(first, admin)).size >= 15, 20_000, first);
    const listed = await conversations(first, admin);
    expect(listed.some((c) => c.roleId !== null && roles.some((r) => r.id === c.roleId))).toBe(true);
    expect(listed.some((c) => c.sla.firstResponseDueAt)).toBe(true);
    // Nothing carries the fixtures' dates of long ago, and every conversation shows what its customer wrote.
    const hourAgo = Date.now() - 3600_000;
    expect(listed.filter((c) => Date.parse(c.lastMessageAt) < hourAgo)).toEqual([]);
    expect(listed.filter((c) => !c.preview)).toEqual([]);
    // The SLA board is a desk at work: a few customers waited too long or nearly, most are on time.
    const board = (await get<{ items: BoardItem[] }>(first, admin, '/api/sla/board?limit=500')).items.filter((i) => i.target === 'first_response');
    const late = board.filter((i) => i.remainingSeconds < 0 || i.conversation.sla.state === 'warning' || i.conversation.sla.state === 'breached');
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(board.length - late.length).toBeGreaterThan(board.length / 2);
    // The lead has answered a couple of them already.
    const leadId = (await get<{ items: Array<{ id: string; email: string }> }>(first, admin, '/api/users')).items.find((u) => u.email === 'lead@dagino.example')!.id;
    const answered = listed.filter((c) => c.assigneeId === leadId);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.every((c) => c.sla.firstRespondedAt !== null)).toBe(true);
    // ...and new ones keep coming.
    await until('a new conversation', async () => [...(await conversationIds(first, admin))].some((id) => !seen.has(id)), 20_000, first);
    await stop(first);
    expect(first.output()).not.toContain('The demo workspace stopped');
    expect(await listening(platformPort)).toBe(false);

    // The fake platform's port is taken now: the demo takes another and points its channels there.
    blocker = createServer().listen(platformPort, '127.0.0.1');
    await new Promise((r) => blocker!.once('listening', r));
    const second = await start(env);
    await until('the demo banner after a restart', () => second.output().includes('Demo workspace:'), 30_000, second);
    expect(second.output()).not.toContain('Setting up the demo workspace');
    // Same password after a restart: printed again, and the demo's people still sign in with it.
    expect(printedDemoPassword(second)).toBe(password);
    await signIn(second, 'supervisor@dagino.example', password);
    const again = await signInAsAdmin(second);
    expect(await counts(second, again)).toEqual(before);
    // The history is not sent again, nor answered again.
    expect((await conversations(second, again)).filter((c) => c.assigneeId === leadId)).toHaveLength(answered.length);
    const moved = (await get<{ items: Channel[] }>(second, again, '/api/channels')).items;
    const root = /^http:\/\/127\.0\.0\.1:(\d+)\//.exec(platformCalls(moved[0]!))!;
    expect(Number(root[1])).not.toBe(platformPort);
    for (const channel of moved) expect(platformCalls(channel).startsWith(root[0])).toBe(true);
    expect((await fetch(`${root[0]}_control/requests`)).status).toBe(200);
    seen = await conversationIds(second, again);
    await until('a new conversation after the restart', async () => [...(await conversationIds(second, again))].some((id) => !seen.has(id)), 20_000, second);

    // A data directory from before the passwords were generated: the demo people have the published password and no
    // file keeps theirs. The next start gives them a new random one through the admin's API.
    const users = (await get<{ items: Array<{ id: string; email: string }> }>(second, again, '/api/users')).items.filter((u) => u.email.endsWith('@dagino.example'));
    for (const user of users) {
      const res = await fetch(`${second.url}/api/users/${user.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${again}`, 'content-type': 'application/json' },
        body: JSON.stringify({ password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(200);
    }
    await stop(second);
    rmSync(passwordFile);
    const third = await start(env);
    await until('the demo banner on an older data directory', () => third.output().includes('Demo workspace:'), 30_000, third);
    expect(third.output()).toContain("The demo people's password was replaced by a random one");
    const replaced = printedDemoPassword(third);
    expect([DEMO_PASSWORD, password]).not.toContain(replaced);
    expect(readFileSync(passwordFile, 'utf8')).toBe(replaced);
    await signIn(third, 'lead@dagino.example', replaced);
    expect((await login(third, 'lead@dagino.example', DEMO_PASSWORD)).status).toBe(401);
    await stop(third);
  });

  it('starts the desk alone with DEMO=false', async () => {
    const platformPort = await freePort();
    const desk = await start(await freshEnv({ DEMO: 'false', DEMO_PLATFORM_PORT: String(platformPort) }));
    const admin = await signInAsAdmin(desk);
    expect(childrenOf(desk)).toEqual([expect.stringMatching(/api\/src\/main\.js$/)]);
    expect(desk.output()).not.toContain('Demo workspace');
    expect((await get<{ items: unknown[] }>(desk, admin, '/api/channels')).items).toHaveLength(0);
    expect((await get<{ items: unknown[] }>(desk, admin, '/api/users')).items).toHaveLength(1);
    expect(await listening(platformPort)).toBe(false);
    await stop(desk);
  });
});

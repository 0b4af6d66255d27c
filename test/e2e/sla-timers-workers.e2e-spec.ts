import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startDesk, type RunningDesk } from '../../apps/api/src/boot/start-desk';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { makeDataDir, spawnDesk, WORKER_MAIN, type DeskProcess } from '../support/desk-process';
import { bearer } from '../support/http';
import { createChannel, deliver, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient, type Received } from '../support/live';

jest.setTimeout(120_000);

const SECRETS = { JWT_SECRET: 'sla-timers-workers-secret-of-32-chars!!', SECRETS_KEY: 'ef'.repeat(32) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const about = (name: string, conversationId: string) => (r: Received) => r.name === name && r.body?.conversationId === conversationId;

/**
 * Timers are data: the API runs no workers here; the timers run in workers that start, stop and run side by side.
 * A deadline that passed while no worker ran fires as soon as one starts; two worker processes on one database fire
 * every clock exactly once.
 */
describe('SLA timers across restarts and worker processes', () => {
  let desk: TestDesk;
  let sql: Pool;
  let admin: string;
  let workspaceId: string;
  let channel: TestChannel;
  let live: LiveClient;
  const dataDirs: string[] = [];

  const policy = (name: string, kinds: string[], firstResponseSeconds: number, warnAtPercent: number) =>
    sql.query(`INSERT INTO sla_policies (workspace_id, name, match, first_response_seconds, warn_at_percent) VALUES ($1, $2, $3, $4, $5)`, [
      workspaceId,
      name,
      JSON.stringify({ kinds }),
      firstResponseSeconds,
      warnAtPercent,
    ]);
  /** The whole desk (API and workers) in this process, on the same database: a worker that can be stopped and started. */
  const startWorker = (): Promise<RunningDesk> => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-worker-'));
    dataDirs.push(dir);
    return startDesk({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: desk.db.url, DATA_DIR: dir, LOG_LEVEL: 'silent', RUN_WORKERS: 'true', WORKER_POLL_MS: '50', ...SECRETS });
  };

  beforeAll(async () => {
    desk = await startTestDesk({ RUN_WORKERS: 'false', ...SECRETS });
    sql = new Pool({ connectionString: desk.db.url, max: 4 });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId;
    channel = await createChannel(desk, admin, 'api');
    const supervisor = await createMember(desk, admin, 'supervisor');
    live = await connected(desk.url, { token: supervisor.token });
  });
  afterAll(async () => {
    live?.close();
    await sql?.end();
    await desk?.shutdown();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fires a deadline that passed while no worker ran as soon as a worker starts', async () => {
    // warnAtPercent 100: nothing is due before the deadline, so the first worker has nothing to fire before it stops;
    // once both the warning's and the breach's instants are past, only the breach fires.
    await policy('Messages', ['message'], 3, 100);
    const first = await startWorker();
    const externalId = `restart-${randomUUID()}`;
    const createdAt = new Date();
    const body = { id: externalId, kind: 'message', author: { id: 'customer-restart', name: 'Customer' }, text: 'Hello?', createdAt: createdAt.toISOString() };
    expect((await deliver(desk, channel, JSON.stringify(body))).status).toBe(200);
    const created = await live.waitFor((r) => r.name === 'message.created' && r.body.message?.externalId === externalId, 5_000, 'the message');
    const id = created.body.conversationId as string;
    await first.close();
    expect(Date.now()).toBeLessThan(createdAt.getTime() + 3_000); // stopped before the deadline

    // The deadline passes with no worker running: nothing fires, the clock still waits on its row.
    await sleep(createdAt.getTime() + 4_000 - Date.now());
    expect(live.received.filter(about('sla.breached', id))).toEqual([]);
    const waiting = (await sql.query(`SELECT due_at, next_fire_at, breached_at FROM sla_clocks WHERE conversation_id = $1`, [id])).rows[0];
    expect(waiting).toMatchObject({ due_at: new Date(createdAt.getTime() + 3_000), breached_at: null });
    expect(waiting.next_fire_at).not.toBeNull();

    const starting = Date.now();
    const second = await startWorker();
    const ready = Date.now();
    try {
      const breach = await live.waitFor(about('sla.breached', id), 5_000, 'the breach after the restart');
      // The first pass fires it: by the time the worker is up, or right after.
      expect(breach.at - ready).toBeLessThan(1_000);
      const fired = (await sql.query(`SELECT breached_at FROM sla_clocks WHERE conversation_id = $1`, [id])).rows[0].breached_at as Date;
      expect(fired.getTime()).toBeGreaterThanOrEqual(starting);
      expect(fired.getTime()).toBeLessThanOrEqual(breach.at);
    } finally {
      await second.close();
    }
  });

  describe('two worker processes', () => {
    const COUNT = 100;
    /** Long enough for the batch to be processed first: about 30 ms per event on a busy 2-core machine. */
    const TARGET_SECONDS = 10;
    const WARN_MS = 5_000;
    let workers: DeskProcess[] = [];

    beforeAll(async () => {
      if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run the tests through npm test, which builds first (or npx nest build worker)`);
      const env = { DATABASE_URL: desk.db.url, WORKER_POLL_MS: '50', LOG_LEVEL: 'info', ...SECRETS };
      workers = [spawnDesk({ ...env, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN), spawnDesk({ ...env, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN)];
      await eventually(async () => workers.every((w) => w.output().includes('worker ready')) || workers.some((w) => w.child.exitCode !== null), 30_000, 'both workers to start');
      for (const w of workers) expect(w.output()).toContain('worker ready');
    });
    afterAll(async () => {
      for (const w of workers) w.child.kill('SIGTERM');
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(codes).toEqual(workers.map(() => 0));
    });

    it('never fire one clock twice: many clocks due at the same instant, each warned and breached once', async () => {
      await policy('Comments', ['comment'], TARGET_SECONDS, 50);
      const createdAt = new Date();
      const batch = randomUUID();
      const events = Array.from({ length: COUNT }, (_, i) => ({
        id: `${batch}-${i}`,
        kind: 'comment',
        author: { id: `fan-${i}`, name: `Fan ${i}` },
        text: `comment ${i}`,
        createdAt: createdAt.toISOString(),
      }));
      expect((await deliver(desk, channel, JSON.stringify({ events }))).status).toBe(200);
      const ids = await eventually(async () => {
        const { rows } = await sql.query<{ conversation_id: string }>(`SELECT conversation_id FROM messages WHERE channel_id = $1 AND external_id LIKE $2`, [channel.id, `${batch}-%`]);
        return rows.length === COUNT ? rows.map((r) => r.conversation_id) : undefined;
      }, WARN_MS, 'every comment stored');
      // Stored (one transaction for the batch) before the first warning is due, or the test would prove nothing about it.
      expect(Date.now()).toBeLessThan(createdAt.getTime() + WARN_MS);
      await eventually(
        async () => (await sql.query(`SELECT count(*)::int AS n FROM sla_clocks WHERE conversation_id = ANY($1::uuid[]) AND breached_at IS NOT NULL`, [ids])).rows[0].n === COUNT,
        TARGET_SECONDS * 1_000 + 5_000,
        'every clock breached',
      );
      await sleep(1_500); // anything fired twice would have arrived by now

      const per = (name: string) => {
        const counts = new Map<string, number>(ids.map((id) => [id, 0]));
        for (const r of live.received) if (r.name === name && counts.has(r.body?.conversationId)) counts.set(r.body.conversationId, counts.get(r.body.conversationId)! + 1);
        return [...new Set(counts.values())];
      };
      expect(per('sla.warning')).toEqual([1]);
      expect(per('sla.breached')).toEqual([1]);
      const logged = await sql.query(
        `SELECT type, count(*)::int AS n FROM domain_events WHERE conversation_id = ANY($1::uuid[]) AND type LIKE 'sla.%' GROUP BY type, conversation_id`,
        [ids],
      );
      expect(logged.rows.filter((r) => r.n !== 1)).toEqual([]);
      expect(logged.rows).toHaveLength(2 * COUNT);
      const outcomes = await sql.query(`SELECT conversation_id, target, count(*)::int AS n FROM sla_outcomes WHERE conversation_id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids]);
      expect(outcomes.rows).toHaveLength(COUNT);
      expect(outcomes.rows.every((r) => r.target === 'first_response' && r.n === 1)).toBe(true);
      const lines = await sql.query(`SELECT type, count(*)::int AS n FROM conversation_history WHERE conversation_id = ANY($1::uuid[]) AND type IN ('sla_warning', 'sla_breached') GROUP BY 1`, [ids]);
      expect(Object.fromEntries(lines.rows.map((r) => [r.type, r.n]))).toEqual({ sla_warning: COUNT, sla_breached: COUNT });

      // And on time: fired within a second of due, by whichever worker claimed it.
      const late = await sql.query(
        `SELECT max(extract(epoch FROM breached_at - due_at) * 1000)::float AS ms, min(extract(epoch FROM breached_at - due_at) * 1000)::float AS least
         FROM sla_clocks WHERE conversation_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(late.rows[0].least).toBeGreaterThan(0);
      expect(late.rows[0].ms).toBeLessThan(1_000);
    });
  });
});

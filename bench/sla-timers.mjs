#!/usr/bin/env node
// SLA timer lateness benchmark: how late do warnings and breaches fire when 100,000 open conversations have clocks
// running whose deadlines fall over the same minute? Beside it, in the same run and process, a bare setTimeout for
// the very same instants: the machine's floor. See BENCHMARKS.md.
//
//   npm run build && node bench/sla-timers.mjs
//
// What runs: the built worker (dist/apps/worker, as `npm run start:worker` runs it) on a fresh database created and
// migrated for the run. The clocks are inserted straight into sla_clocks (as the engine writes them for a policy
// without business hours), which is what the timers read: ingestion is not what is measured here.
//
// Lateness of one fire, in milliseconds:
//   - stamped: the instant the engine fired it (sla_clocks.warned_at / breached_at: the clock's now handed to fireDue
//     when the batch started) minus its due instant;
//   - visible: the instant this process was told the event's transaction committed (LISTEN desk_events, the
//     NOTIFY the live desk's feeds wake on) minus its due instant. This is what a client can at best see.
//   The due instant of a warning is started_at + warnAtPercent of the target; of a breach, due_at + 1 ms (a reply
//   at due_at itself is still met, so the breach is first possible 1 ms later).
//
// Environment (all optional):
//   DATABASE_URL          superuser URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                         a fresh bench_timers_<random> database is created there and dropped at the end
//   BENCH_CONVERSATIONS   open conversations with a running clock (default 100000)
//   BENCH_FROM_SECONDS, BENCH_TO_SECONDS   breaches spread evenly from T0 + FROM to T0 + TO (default 60, 120)
//   BENCH_LEAD_SECONDS    T0 = the start of the inserts + this (default 15): room to insert before anything is due
//   BENCH_WARN_PERCENT    the policy's warnAtPercent (default 80: warnings fall 48 s to 96 s after T0)
//   BENCH_WORKERS         worker processes (default 1)
//   BENCH_DRAIN_SECONDS   how long after the last deadline to wait for every clock to have fired (default 900)
//   BENCH_OUT             the markdown report (default bench/results/sla-timers.md)
//   BENCH_JSON            also write the raw numbers to this file
//   BENCH_JSON_OUT        write the summary bench/run-all.mjs collects to this file
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cpuSeconds, machineTicks, postgresCpuSeconds } from './machine-load.mjs';
import { envInt as int, ratio, withClient, writeSummary } from './bench-support.mjs';
import { ADMIN_URL } from './desk-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKER_MAIN = join(root, 'dist/apps/worker/apps/worker/src/main.js');
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const T_START = now();
const log = (...args) => console.error(`[bench ${((now() - T_START) / 1000).toFixed(1)}s]`, ...args);

const env = process.env;
const N = int('BENCH_CONVERSATIONS', 100_000);
const FROM_S = int('BENCH_FROM_SECONDS', 60);
const TO_S = int('BENCH_TO_SECONDS', 120);
const LEAD_S = int('BENCH_LEAD_SECONDS', 15);
const WARN_PCT = int('BENCH_WARN_PERCENT', 80);
const WORKERS = int('BENCH_WORKERS', 1);
const DRAIN_S = int('BENCH_DRAIN_SECONDS', 900);
const OUT = env.BENCH_OUT || join(root, 'bench/results/sla-timers.md');
if (TO_S <= FROM_S) throw new Error('BENCH_TO_SECONDS must be greater than BENCH_FROM_SECONDS');
if (WARN_PCT > 100) throw new Error('BENCH_WARN_PERCENT must be at most 100');

// ---------------------------------------------------------------- processes and database

const children = [];

function spawnWorker(dbUrl) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sla-worker-'));
  const base = Object.fromEntries(Object.entries(env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|BENCH_|PORT$|LOG_LEVEL$|NODE_ENV$|RUN_WORKERS$)/.test(k)));
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...base, NODE_ENV: 'production', DATABASE_URL: dbUrl, DATA_DIR: dataDir, LOG_LEVEL: 'info', JWT_SECRET: randomBytes(32).toString('hex'), SECRETS_KEY: randomBytes(32).toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d) => (output = (output + d).slice(-65_536));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  const w = {
    child,
    dataDir,
    output: () => output,
    ready: () => output.includes('worker ready'),
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
      if (code === 'timeout') child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  children.push(w);
  return w;
}

// ---------------------------------------------------------------- numbers

/** Nearest-rank percentile of a sorted array. */
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s.length ? s[s.length - 1] : NaN };
}
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');

// ---------------------------------------------------------------- the run

async function main() {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first`);
  const dbName = `bench_timers_${randomBytes(4).toString('hex')}`;
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  log(`database ${dbName}`);
  let listener;
  try {
    // The first worker migrates the fresh database; the others wait for it (advisory lock) and start.
    const workers = Array.from({ length: WORKERS }, () => spawnWorker(dbUrl));
    const readyBy = now() + 120_000;
    while (!workers.every((w) => w.ready())) {
      const dead = workers.find((w) => w.child.exitCode !== null);
      if (dead) throw new Error(`a worker exited:\n${dead.output()}`);
      if (now() > readyBy) throw new Error(`workers not ready after 120 s:\n${workers.map((w) => w.output()).join('\n---\n')}`);
      await sleep(100);
    }
    log(`${WORKERS} worker(s) ready`);
    const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
    pool.on('error', (err) => log(`idle connection lost: ${err.message}`));
    const [{ version: pgVersion }] = (await pool.query(`SHOW server_version`)).rows.map((r) => ({ version: r.server_version }));

    // Commit instants of event transactions, by the last seq each one logged.
    const commits = [];
    listener = new pg.Client({ connectionString: dbUrl });
    listener.on('error', (err) => log(`listener lost: ${err.message} (visible lateness will be incomplete)`));
    await listener.connect();
    listener.on('notification', (n) => {
      const at = now();
      const last = Number(String(n.payload).split(':')[1]);
      if (Number.isFinite(last)) commits.push([last, at]);
    });
    await listener.query('LISTEN desk_events');

    // ------------------------------------------------ the clocks
    const insertStart = now();
    const t0 = insertStart + LEAD_S * 1000;
    const spreadMs = (TO_S - FROM_S) * 1000;
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const ws = (await c.query(`INSERT INTO workspaces (name) VALUES ('SLA timers bench') RETURNING id`)).rows[0].id;
      const channel = (await c.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', 'bench', 'unused') RETURNING id`, [ws])).rows[0].id;
      const policy = (
        await c.query(`INSERT INTO sla_policies (workspace_id, name, first_response_seconds, warn_at_percent) VALUES ($1, 'bench', $2, $3) RETURNING id`, [ws, TO_S, WARN_PCT])
      ).rows[0].id;
      // Conversation g breaches at t0 + FROM + g/N of the spread: its target is whole seconds (as policies are), its
      // start up to a second before t0 so that the due instants still spread evenly, to the microsecond.
      await c.query(
        `WITH x AS (
           SELECT g, to_timestamp(($2::float8 + ($3::float8 + $4::float8 * g / $5::int)) / 1000) AS due,
                  ceil(($3::float8 + $4::float8 * g / $5::int) / 1000)::int AS target
           FROM generate_series(1, $5::int) AS g
         ), y AS (
           SELECT g, due, target, due - make_interval(secs => target) AS started FROM x
         ), conv AS (
           INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, waiting_since,
             sla_policy_id, sla_cycle, sla_cycle_started_at, sla_round, sla_first_response_due_at, sla_state)
           SELECT $1, $6, 'api', 'comment', 'bench-' || g, 'bench-' || g, started, started, $7, 1, started, 0, due, 'ok' FROM y
           RETURNING id, thread_key
         )
         INSERT INTO sla_clocks (workspace_id, conversation_id, target, cycle, round, policy_id, target_seconds, warn_at_percent, started_at,
           elapsed_seconds, running_since, due_at, warn_at, next_fire_at)
         SELECT $1, conv.id, 'first_response', 1, 0, $7, y.target, $8::int, y.started, 0, y.started, y.due, w.at, w.at
         FROM conv JOIN y ON conv.thread_key = 'bench-' || y.g
           CROSS JOIN LATERAL (SELECT y.started + make_interval(secs => (y.target * $8::int / 100.0)::float8) AS at) AS w`,
        [ws, t0, FROM_S * 1000, spreadMs, N, channel, policy, WARN_PCT],
      );
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
    const inserted = now();
    log(`${N} conversations and clocks inserted in ${((inserted - insertStart) / 1000).toFixed(1)} s`);

    // The due instants, as the engine will fire them (warnings folded into the breach fire with it).
    const { rows: clocks } = await pool.query(
      `SELECT conversation_id AS id, extract(epoch FROM warn_at) * 1000 AS warn, extract(epoch FROM due_at) * 1000 + 1 AS breach FROM sla_clocks`,
    );
    const firstWarn = clocks.reduce((least, k) => Math.min(least, Number(k.warn)), Infinity);
    if (inserted > firstWarn) log(`warning: the inserts ended ${((inserted - firstWarn) / 1000).toFixed(1)} s after the first warning was due: raise BENCH_LEAD_SECONDS`);

    // ------------------------------------------------ the floor: a bare setTimeout for the same instants, here
    const floor = { warn: [], breach: [] };
    for (const k of clocks) {
      for (const [kind, at] of [['warn', Number(k.warn)], ['breach', Number(k.breach)]]) {
        setTimeout(() => floor[kind].push(now() - at), Math.max(0, at - now()));
      }
    }
    const byId = new Map(clocks.map((k) => [k.id, { warn: Number(k.warn), breach: Number(k.breach) }]));
    clocks.length = 0;

    // ------------------------------------------------ wait for every breach
    const cpuBefore = workers.map((w) => cpuSeconds(w.child.pid));
    const pgBefore = postgresCpuSeconds();
    const ticksBefore = machineTicks();
    const wallBefore = now();
    const lastDue = t0 + TO_S * 1000;
    while (now() < lastDue + 1_000) {
      await sleep(5_000);
      const { rows } = await pool.query(`SELECT count(warned_at)::int AS warned, count(breached_at)::int AS breached FROM sla_clocks`);
      log(`warned ${rows[0].warned}, breached ${rows[0].breached} of ${N}`);
    }
    const drainBy = now() + DRAIN_S * 1000;
    let lastReport = now();
    for (;;) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM sla_clocks WHERE breached_at IS NULL`);
      if (rows[0].n === 0) break;
      if (now() > drainBy) throw new Error(`${rows[0].n} clocks still not breached ${DRAIN_S} s after the last deadline`);
      if (now() - lastReport > 10_000) {
        log(`${rows[0].n} clocks not breached yet`);
        lastReport = now();
      }
      await sleep(500);
    }
    await sleep(500); // the last NOTIFY
    const cpuUsed = workers.map((w, i) => cpuSeconds(w.child.pid) - cpuBefore[i]);
    const pgUsed = postgresCpuSeconds() - pgBefore;
    const ticksAfter = machineTicks();
    const machineBusy = (ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total);
    const waitedSeconds = (now() - wallBefore) / 1000;
    log('every clock breached');

    // ------------------------------------------------ lateness
    const stamped = await pool.query(
      `SELECT extract(epoch FROM warned_at) * 1000 AS warned, extract(epoch FROM breached_at) * 1000 AS breached, conversation_id AS id FROM sla_clocks`,
    );
    const stampedLate = { warn: [], breach: [] };
    let folded = 0;
    for (const r of stamped.rows) {
      const k = byId.get(r.id);
      stampedLate.breach.push(Number(r.breached) - k.breach);
      // A warning not fired before its breach was due is folded into the breach (never sent late): not a warning fire.
      if (Number(r.warned) === Number(r.breached) && Number(r.breached) >= k.breach) folded++;
      else stampedLate.warn.push(Number(r.warned) - k.warn);
    }
    commits.sort((a, b) => a[0] - b[0]);
    const visibleAt = (seq) => {
      let lo = 0;
      let hi = commits.length - 1;
      if (hi < 0 || commits[hi][0] < seq) return NaN;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (commits[mid][0] >= seq) hi = mid;
        else lo = mid + 1;
      }
      return commits[lo][1];
    };
    const events = await pool.query(`SELECT seq, type, conversation_id AS id FROM domain_events WHERE type IN ('sla.warning', 'sla.breached')`);
    const visibleLate = { warn: [], breach: [] };
    const perConversation = new Map();
    for (const e of events.rows) {
      const k = byId.get(e.id);
      const kind = e.type === 'sla.warning' ? 'warn' : 'breach';
      visibleLate[kind].push(visibleAt(Number(e.seq)) - k[kind]);
      perConversation.set(`${e.id}:${kind}`, (perConversation.get(`${e.id}:${kind}`) ?? 0) + 1);
    }
    const twice = [...perConversation.values()].filter((n) => n > 1).length;
    // The engine's pace: fires per second between the first warning and the last breach.
    let firstFire = Infinity;
    let lastFire = -Infinity;
    for (const r of stamped.rows) {
      firstFire = Math.min(firstFire, Number(r.warned), Number(r.breached));
      lastFire = Math.max(lastFire, Number(r.breached));
    }
    const transactions = new Set(commits.map(([last]) => last)).size;

    const result = {
      conversations: N,
      spread: [FROM_S, TO_S],
      warnAtPercent: WARN_PCT,
      workers: WORKERS,
      insertSeconds: (inserted - insertStart) / 1000,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: pgVersion },
      rows: [
        ['warnings, stamped', summary(stampedLate.warn)],
        ['warnings, visible', summary(visibleLate.warn)],
        ['breaches, stamped', summary(stampedLate.breach)],
        ['breaches, visible', summary(visibleLate.breach)],
        ['floor: setTimeout, warning instants', summary(floor.warn)],
        ['floor: setTimeout, breach instants', summary(floor.breach)],
      ],
      foldedWarnings: folded,
      firedTwice: twice,
      eventTransactions: transactions,
      firingSeconds: (lastFire - firstFire) / 1000,
      firesPerSecond: events.rows.length / ((lastFire - firstFire) / 1000),
      duePerSecond: (N * 2) / ((TO_S - (FROM_S * WARN_PCT) / 100) || 1),
      workerCpuSeconds: cpuUsed,
      postgresCpuSeconds: pgUsed,
      machineBusy,
      waitedSeconds,
    };
    const report = markdown(result);
    console.log(report);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, report);
    if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify(result, null, 2));
    writeSummary({ title: `SLA timers with ${N.toLocaleString('en-US')} open conversations (\`bench/sla-timers.mjs\`)`, seconds: (now() - T_START) / 1000, rows: summaryRows(result), markdown: report });
    log(`written to ${OUT}`);
    await pool.end();
    const codes = await Promise.all(workers.map((w) => w.stop()));
    if (codes.some((code) => code !== 0)) log(`worker exit codes: ${codes.join(', ')}`);
  } finally {
    await listener?.end().catch(() => undefined);
    for (const w of children) await w.stop().catch(() => undefined);
    await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch((err) => log(`could not drop ${dbName}: ${err.message}`));
  }
}

/** The orchestrator's rows: stamped and visible lateness of warnings and breaches beside the setTimeout floor. */
function summaryRows(r) {
  const row = (name) => r.rows.find(([n]) => n === name)[1];
  const spread = `deadlines over ${r.spread[0]}–${r.spread[1]} s, ${Math.round(r.duePerSecond)} due/s`;
  return [
    ['warnings', 'floor: setTimeout, warning instants'],
    ['breaches', 'floor: setTimeout, breach instants'],
  ].flatMap(([kind, floorName]) => {
    const floor = row(floorName);
    return ['stamped', 'visible'].map((how) => {
      const s = row(`${kind}, ${how}`);
      return {
        measure: `SLA ${kind} lateness, ${how} (${spread}), p50 / p99 ms`,
        desk: `${ms(s.p50)} / ${ms(s.p99)} (${s.n.toLocaleString('en-US')} fires)`,
        baseline: `${ms(floor.p50)} / ${ms(floor.p99)} (bare setTimeout)`,
        ratio: `p99 ${ratio(s.p99, floor.p99)}`,
      };
    });
  });
}

function markdown(r) {
  const m = r.machine;
  const fires = r.rows[0][1].n + r.rows[2][1].n;
  return [
    '# SLA timer lateness',
    '',
    `${r.conversations.toLocaleString('en-US')} open conversations, each with a first-response clock running (target ${r.spread[0]}–${r.spread[1]} s, ` +
      `warning at ${r.warnAtPercent} %), their breaches spread evenly over ${r.spread[0]}–${r.spread[1]} s after the start and their warnings ` +
      `${(r.spread[0] * r.warnAtPercent) / 100}–${(r.spread[1] * r.warnAtPercent) / 100} s; ${r.workers} worker process${r.workers === 1 ? '' : 'es'} ` +
      '(`dist/apps/worker`, NODE_ENV=production) on a fresh database. Lateness is the fire instant minus the due instant (a breach is due 1 ms ' +
      'after `due_at`: a reply at `due_at` itself is met), in milliseconds.',
    '',
    '| measure | fires | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    ...r.rows.map(([name, s]) => `| ${name} | ${s.n.toLocaleString('en-US')} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`),
    '',
    '- *stamped*: the instant the engine fired it (`warned_at`, `breached_at`: the clock reading handed to `fireDue` as its batch began).',
    '- *visible*: the instant the bench was told the event\'s transaction had committed (`LISTEN desk_events`, what the live feeds wake on).',
    '- *floor*: a bare `setTimeout` in the bench process for the very same instants, in the same run: how late this machine wakes a timer at all.',
    '',
    `${fires.toLocaleString('en-US')} fires in ${r.eventTransactions.toLocaleString('en-US')} transactions over ${r.firingSeconds.toFixed(1)} s ` +
      `(${Math.round(r.firesPerSecond)} per second; the deadlines fall at ${Math.round(r.duePerSecond)} per second on average); ` +
      `${r.foldedWarnings} warnings were folded into their breach (not yet fired when the breach fell due); ` +
      `${r.firedTwice} fired twice. Inserting the rows took ${r.insertSeconds.toFixed(1)} s. ` +
      `From the inserts' commit to the last breach (${r.waitedSeconds.toFixed(0)} s): worker CPU ${r.workerCpuSeconds.map((s) => `${s.toFixed(1)} s`).join(', ')}, ` +
      `PostgreSQL CPU ${r.postgresCpuSeconds.toFixed(1)} s (the whole server), the machine ${Math.round(r.machineBusy * 100)} % busy (everything on it).`,
    '',
    `Machine: ${m.cpus} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}.`,
    '',
  ].join('\n');
}

main().catch(async (err) => {
  console.error(err);
  for (const w of children) await w.stop().catch(() => undefined);
  process.exit(1);
});

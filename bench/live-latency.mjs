#!/usr/bin/env node
// Live desk latency benchmark: how long after a webhook is answered do N connected desk clients each receive its
// `message.created`, at a steady inbound rate; beside a baseline of a bare socket.io server broadcasting the same
// traffic to the same clients, measured in the same run. See BENCHMARKS.md.
//
//   npm run bench                       (or: node bench/live-latency.mjs)
//
// Environment (all optional):
//   DATABASE_URL      superuser URL of the PostgreSQL server to create the bench database on
//                     (default postgres://postgres@127.0.0.1:5432/postgres); a fresh bench_live_<random> database
//                     is created there and dropped at the end
//   BENCH_CLIENTS     connected clients (default 500)        BENCH_USERS    lead users they sign in as (default 5)
//   BENCH_RATES       webhooks per second, one phase each (default 50,200)
//   BENCH_SECONDS     length of each phase (default 20)      BENCH_PROCS    client processes (default 2)
//   BENCH_CONNECT_BATCH  sockets each client process connects at once, waiting for their replay (default 50)
//   BENCH_DRAIN_SECONDS  how long to wait after a phase for every client to receive every message (default 15); webhooks
//                     still unprocessed then are discarded, so each phase starts without the last one's backlog
//   BENCH_WORKERS     0 (default): the API runs the workers in-process, as `npm start` does; N > 0: the API runs
//                     with RUN_WORKERS=false beside N worker processes polling every BENCH_WORKER_POLL_MS (default 50)
//   BENCH_JSON        also write the raw results to this file
//   BENCH_JSON_OUT    write the summary bench/run-all.mjs collects to this file
//   BENCH_SKIP_BUILD  1: do not run scripts/build-if-missing.js first (bench/run-all.mjs has built once for every bench)
//   BENCH_DESK_NODE_ARGS  extra node flags for the desk process (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorOf } from './desk-monitor.mjs';
import { cpuSeconds, machineTicks, postgresCpuSeconds } from './machine-load.mjs';
import { envInt as int, ratio, withClient, writeSummary } from './bench-support.mjs';
import { ADMIN_URL, api, createBenchDatabase, killStarted, now, peer, root, signedWebhook, sleep, startDesk as startBuiltDesk, started } from './desk-process.mjs';
const log = (...args) => console.error(`[bench ${((now() - T0) / 1000).toFixed(1)}s]`, ...args);

const T0 = now();
const env = process.env;
/** The PostgreSQL server's admin database (or `url`), for creating and dropping the run's database. */
const withAdmin = (fn, url = ADMIN_URL) => withClient(url, fn);
const CLIENTS = int('BENCH_CLIENTS', 500);
const USERS = int('BENCH_USERS', 5);
const RATES = (env.BENCH_RATES || '50,200').split(',').map((r) => Number(r.trim())).filter((r) => r > 0);
const SECONDS = int('BENCH_SECONDS', 20);
const PROCS = int('BENCH_PROCS', 2);
// Handshakes at once per client process: 500 at once can outwait the desk's database pool (connect_error "cannot check tokens").
const BATCH = int('BENCH_CONNECT_BATCH', 50);
const DRAIN_SECONDS = int('BENCH_DRAIN_SECONDS', 15);
const WORKERS = int('BENCH_WORKERS', 0, 0);
const WORKER_POLL_MS = int('BENCH_WORKER_POLL_MS', 50);
const THREADS = 100; // webhooks of a phase rotate over this many threads: the first of each opens a conversation
const ADMIN = { email: 'bench-admin@bench.example', password: `bench-${randomBytes(8).toString('hex')}` };
const SECRET = 'bench-api-channel-secret';

// ---------------------------------------------------------------- the desk

/** The built desk (`npm start`), plus BENCH_WORKERS worker processes (`npm run start:worker`) if asked for. */
const startDesk = (dbUrl) =>
  startBuiltDesk(dbUrl, { admin: ADMIN, workers: WORKERS, workerPollMs: WORKER_POLL_MS, nodeArgs: (env.BENCH_DESK_NODE_ARGS ?? '').split(' ').filter(Boolean) });

// ---------------------------------------------------------------- load and measurement

/** Calls fire(i) for i = 0..count-1 at a steady rate (open loop: a slow answer does not delay the next call). */
function steady(rate, count, fire) {
  return new Promise((resolve) => {
    const start = now();
    let i = 0;
    const step = () => {
      const t = now();
      while (i < count && start + (i * 1000) / rate <= t) fire(i++);
      if (i >= count) return resolve((now() - start) / 1000);
      setTimeout(step, Math.max(0, start + (i * 1000) / rate - now()));
    };
    step();
  });
}

/** Percentiles; `missing` deliveries count as never arriving (+Infinity), so they push the high percentiles up. */
function stats(values, missing = 0) {
  const sorted = new Float64Array(values.length + missing).fill(Infinity);
  sorted.set(values);
  sorted.sort();
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { n: sorted.length, min: sorted[0] ?? NaN, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

async function waitForAll(procs, count, what) {
  const deadline = now() + DRAIN_SECONDS * 1000;
  let last;
  for (;;) {
    const ps = await Promise.all(procs.map((p) => p.ask('progress')));
    last = ps.reduce((a, p) => ({ complete: a.complete + p.complete, clients: a.clients + p.clients, received: a.received + p.received }), { complete: 0, clients: 0, received: 0 });
    if (last.complete === last.clients) return { waited: true, ...last };
    if (now() > deadline) {
      log(`${what}: after ${DRAIN_SECONDS} s of draining, ${last.clients - last.complete} clients still miss messages (${last.received}/${last.clients * count} received)`);
      return { waited: false, ...last };
    }
    await sleep(200);
  }
}

async function collect(procs, reference) {
  const parts = await Promise.all(procs.map((p) => p.ask('collect', { reference })));
  const buffers = parts.map((p) => Buffer.from(p.latencies, 'base64'));
  const all = new Float64Array(buffers.reduce((n, b) => n + b.length / 8, 0));
  let k = 0;
  for (const b of buffers) {
    const part = new Float64Array(b.buffer, b.byteOffset, b.length / 8);
    all.set(part, k);
    k += part.length;
  }
  const sum = (key) => parts.reduce((n, p) => n + p[key], 0);
  return { latency: stats(all, sum('missing')), missing: sum('missing'), dupes: sum('dupes'), disconnects: sum('disconnects'), reconnects: sum('reconnects'), clientEvents: sum('events') };
}

/** CPU use from now until the returned function is called, in % of one core (the machine: % of all cores). */
function cpuProbe(serverPids, clientPids) {
  const pids = [...serverPids, ...clientPids];
  const before = { at: now(), procs: pids.map(cpuSeconds), self: process.cpuUsage(), pg: postgresCpuSeconds(), machine: machineTicks() };
  return () => {
    const secs = (now() - before.at) / 1000;
    const pct = (a, b) => Math.round(((b - a) / secs) * 100);
    const m = machineTicks();
    const procs = pids.map((pid, i) => pct(before.procs[i], cpuSeconds(pid)));
    return {
      server: procs.slice(0, serverPids.length),
      clients: procs.slice(serverPids.length),
      self: Math.round(((u) => (u.user + u.system) / 1e4 / secs)(process.cpuUsage(before.self))),
      pg: pct(before.pg, postgresCpuSeconds()),
      machine: Math.round(((m.busy - before.machine.busy) / (m.total - before.machine.total)) * 100),
    };
  };
}

/** One phase against the desk: webhooks at `rate`/s for SECONDS, each client's receipt of each message.created. */
async function deskPhase(desk, channelId, procs, monitor, name, rate, seconds) {
  const count = Math.round(rate * seconds);
  await Promise.all(procs.map((p) => p.ask('phase', { name, count })));
  monitor.reset();
  const answered = new Array(count).fill(null);
  const http = new Array(count).fill(NaN);
  const statuses = {};
  const inflight = [];
  const cpu = cpuProbe(desk.pids, procs.map((p) => p.child.pid));
  const sendSeconds = await steady(rate, count, (i) => {
    const thread = i % THREADS;
    const sent = now();
    inflight.push(
      signedWebhook(desk.url, channelId, SECRET, {
        id: `${name}-${i}`,
        kind: 'comment',
        threadId: `${name}-thread-${thread}`,
        author: { id: `${name}-customer-${thread}`, name: `Customer ${thread}`, followers: 10 },
        text: `bench ${name} ${i}`,
        createdAt: new Date().toISOString(),
      }).then(
        async (res) => {
          const t = now();
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          http[i] = t - sent;
          if (res.status === 200) answered[i] = t;
        },
        (err) => {
          const why = `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ''}`;
          statuses[why] = (statuses[why] ?? 0) + 1;
        },
      ),
    );
  });
  const load = cpu();
  await Promise.all(inflight);
  const drain = await waitForAll(procs, count, name);
  const result = await collect(procs, answered);
  const shape = monitor.shape();
  const unanswered = answered.filter((t) => t === null).length;
  // Where the time went: when the worker's transaction that turned each webhook into a message started.
  const processed = new Array(count).fill(null);
  const found = await withAdmin(
    (c) =>
      c.query(
        `SELECT (regexp_match(convert_from(body, 'UTF8'), '"text":"bench [^ ]+ ([0-9]+)"'))[1]::int AS i, extract(epoch FROM processed_at) * 1000 AS p
         FROM webhook_events WHERE channel_id = $1 AND status = 'processed' AND convert_from(body, 'UTF8') LIKE $2`,
        [channelId, `%"text":"bench ${name} %`],
      ),
    desk.dbUrl,
  );
  for (const r of found.rows) if (r.i < count) processed[r.i] = Number(r.p);
  const queue = stats(
    processed.flatMap((p, i) => (p === null || answered[i] === null ? [] : [p - answered[i]])),
    processed.filter((p, i) => p === null && answered[i] !== null).length,
  );
  const times = processed.filter((p) => p !== null);
  const throughput = times.length > 1 ? (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000) : NaN;
  const push = (await collect(procs, processed)).latency;
  // A backlog the desk did not work off in time would delay the next phase: it is dropped (and counted here).
  const discarded = (await withAdmin((c) => c.query(`DELETE FROM webhook_events WHERE channel_id = $1 AND status = 'pending'`, [channelId]), desk.dbUrl)).rowCount;
  if (discarded > 0) await sleep(2_000);
  return {
    discarded, name, rate, count, sendSeconds, statuses, unanswered, http: stats(http.filter((x) => !Number.isNaN(x))), drain, cpu: load, shape, processedCount: times.length, throughput, queue, push, ...result };
}

/** The same phase against the bare socket.io server: the same traffic, from the emit call to receipt. */
async function baselinePhase(server, procs, name, rate, seconds, deskRun) {
  const count = Math.round(rate * seconds);
  await Promise.all(procs.map((p) => p.ask('phase', { name, count })));
  const cpu = cpuProbe([server.child.pid], procs.map((p) => p.child.pid));
  const run = await server.ask('run', { name, rate, count, message: deskRun.shape.message, others: deskRun.shape.others });
  const load = cpu();
  const drain = await waitForAll(procs, count, name);
  const result = await collect(procs, run.emitTimes);
  return { name, rate, count, sendSeconds: run.seconds, drain, cpu: load, ...result };
}

// ---------------------------------------------------------------- report

const ms = (v) => (Number.isNaN(v) ? 'n/a' : v === Infinity ? 'never' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

function table(title, runs, deskRuns) {
  const lines = [
    `**${title}**`,
    '',
    '| rate (webhooks/s) | clients | received / expected | p50 ms | p90 ms | p99 ms | max ms | missing | dupes | disconnects | CPU % of a core while sending: server / client procs / driver / postgres (all) | machine busy % |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of runs) {
    const l = r.latency;
    lines.push(
      `| ${r.rate} | ${CLIENTS} | ${l.n - r.missing} / ${r.count * CLIENTS} | ${ms(l.p50)} | ${ms(l.p90)} | ${ms(l.p99)} | ${ms(l.max)} | ${r.missing} | ${r.dupes} | ${r.disconnects} | ${r.cpu.server.join('+')} / ${r.cpu.clients.join('+')} / ${r.cpu.self} / ${r.cpu.pg} | ${r.cpu.machine} |`,
    );
  }
  if (deskRuns) {
    lines.push(
      '',
      '| rate | webhook answer p50 / p99 / max ms | non-200 | processed (of sent) | discarded after the drain | processing rate /s | answered → processing tx start p50 / p99 ms | processing tx start → client p50 / p99 ms | events per message.created (JSON size), as one client saw them |',
      '|---:|---|---:|---:|---:|---:|---|---|---|',
    );
    for (const r of deskRuns) {
      const bad = Object.entries(r.statuses).filter(([s]) => s !== '200').map(([s, n]) => `${n}×${s}`).join(', ') || '0';
      const per = Object.entries(r.shape.perMessage).map(([t, n]) => `${t} ${n.toFixed(2)} (${r.shape.bytes[t]} B)`).join(', ');
      lines.push(
        `| ${r.rate} | ${ms(r.http.p50)} / ${ms(r.http.p99)} / ${ms(r.http.max)} | ${bad} | ${r.processedCount} / ${r.count} | ${r.discarded} | ${r.throughput.toFixed(1)} | ` +
          `${ms(r.queue.p50)} / ${ms(r.queue.p99)} | ${ms(r.push.p50)} / ${ms(r.push.p99)} | ${per} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The orchestrator's rows: p50 and p99 per rate, a ratio only where neither side was saturated. */
function summaryRows(deskRuns, baseRuns) {
  return deskRuns.flatMap((dr, k) => {
    const br = baseRuns[k];
    const lost = dr.missing + dr.unanswered + dr.discarded;
    const delivered = ((dr.latency.n - dr.missing) / (dr.count * CLIENTS)) * 100;
    const saturated = lost > 0 || br.missing > 0;
    const note = saturated
      ? ` (saturated: processed ${dr.throughput.toFixed(0)}/s of ${dr.rate}/s, ${delivered.toFixed(0)} % of deliveries in time, ${dr.unanswered} webhooks unanswered)`
      : '';
    return ['p50', 'p99'].map((q) => ({
      measure: `webhook answered → ${CLIENTS} clients' \`message.created\` at ${dr.rate}/s, ${q} ms`,
      desk: `${ms(dr.latency[q])}${q === 'p50' ? note : ''}`,
      baseline: `${ms(br.latency[q])} (bare socket.io emit)`,
      ratio: saturated ? 'not comparable (desk saturated)' : ratio(dr.latency[q], br.latency[q]),
    }));
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const { io } = await import('socket.io-client');
  log(`clients ${CLIENTS} (${USERS} lead users, ${PROCS} client processes), rates ${RATES.join(', ')}/s for ${SECONDS} s each`);
  // bench/run-all.mjs builds once for all its benches: a rebuild mid-run would measure other code than the rest.
  if (env.BENCH_SKIP_BUILD !== '1') execFileSync(process.execPath, [join(root, 'scripts/build-if-missing.js')], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });

  const db = await createBenchDatabase('live');
  const dbName = db.name;
  log(`database ${dbName} created`);
  let desk;
  let procs = [];
  let baseline;
  const cleanup = async () => {
    for (const p of procs) if (p.child.connected) p.child.disconnect();
    if (baseline?.child.connected) baseline.child.disconnect();
    if (desk) await desk.stop().catch(() => undefined);
    killStarted();
    await db.drop().catch((e) => log(`dropping ${dbName} failed: ${e.message}`));
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    desk = await startDesk(db.url);
    log(`desk up at ${desk.url} (pid ${desk.child.pid})`);
    const { accessToken: admin } = await api(desk.url, '/api/auth/login', { body: ADMIN });
    const tokens = [];
    for (let u = 0; u < USERS; u++) {
      const email = `bench-lead-${u}@bench.example`;
      const password = `bench-lead-password-${u}`;
      await api(desk.url, '/api/users', { token: admin, body: { email, name: `Bench lead ${u}`, password, access: 'lead' } });
      tokens.push((await api(desk.url, '/api/auth/login', { body: { email, password } })).accessToken);
    }
    const channel = await api(desk.url, '/api/channels', { token: admin, body: { type: 'api', name: 'bench', config: { secret: SECRET } } });
    log(`${USERS} leads and an api channel created`);

    procs = Array.from({ length: PROCS }, () => {
      const child = fork(join(root, 'bench/live-clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      started.push(child);
      return peer(child);
    });
    const auths = Array.from({ length: CLIENTS }, (_, i) => ({ token: tokens[i % tokens.length] }));
    const split = (list) => procs.map((_, k) => list.filter((__, i) => i % procs.length === k));
    const conn = await Promise.all(procs.map((p, k) => p.ask('connect', { url: desk.url, auths: split(auths)[k], desk: true, batch: BATCH })));
    log(`${CLIENTS} desk clients connected and replayed in ${(Math.max(...conn.map((c) => c.ms)) / 1000).toFixed(1)} s`);
    const monitor = monitorOf(io, desk.url, admin);
    await monitor.ready;

    log('warm-up: 3 s at 20/s (not reported)');
    await deskPhase(desk, channel.id, procs, monitor, 'warm', 20, 3);
    const deskRuns = [];
    for (const rate of RATES) {
      log(`desk: ${rate} webhooks/s for ${SECONDS} s`);
      const r = await deskPhase(desk, channel.id, procs, monitor, `desk${rate}`, rate, SECONDS);
      log(`desk ${rate}/s: p50 ${ms(r.latency.p50)} ms, p99 ${ms(r.latency.p99)} ms, max ${ms(r.latency.max)} ms; missing ${r.missing}, disconnects ${r.disconnects}`);
      deskRuns.push(r);
    }
    monitor.close();
    await Promise.all(procs.map((p) => p.ask('close')));
    const deskOutput = desk.output();
    const stopped = await desk.stop();
    desk = undefined;
    log(`desk stopped (${stopped})`);

    const baselineChild = fork(join(root, 'bench/baseline-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    started.push(baselineChild);
    const port = await new Promise((resolve) => baselineChild.on('message', (m) => m?.listening && resolve(m.listening)));
    baseline = peer(baselineChild);
    await Promise.all(procs.map((p, k) => p.ask('connect', { url: `http://127.0.0.1:${port}`, auths: split(auths)[k], desk: false, batch: BATCH })));
    log(`${CLIENTS} clients connected to the bare socket.io server`);
    await baselinePhase(baseline, procs, 'bwarm', 20, 3, deskRuns[0]);
    const baseRuns = [];
    for (const [k, rate] of RATES.entries()) {
      log(`baseline: ${rate}/s for ${SECONDS} s`);
      const r = await baselinePhase(baseline, procs, `base${rate}`, rate, SECONDS, deskRuns[k]);
      log(`baseline ${rate}/s: p50 ${ms(r.latency.p50)} ms, p99 ${ms(r.latency.p99)} ms, max ${ms(r.latency.max)} ms; missing ${r.missing}`);
      baseRuns.push(r);
    }

    const total = (now() - T0) / 1000;
    const warnings = deskOutput.split('\n').filter((l) => /not keeping up|WARN|"level":(40|50)/i.test(l));
    const report = [
      table('Desk: webhook answered → each client receives its `message.created`', deskRuns, deskRuns),
      '',
      table('Baseline: bare socket.io 4.8.3, the same traffic, emit call → receipt', baseRuns),
      '',
      '| rate | p50 desk / baseline | p99 desk / baseline | max desk / baseline |',
      '|---:|---|---|---|',
      ...RATES.map((rate, k) => {
        const dr = deskRuns[k];
        const br = baseRuns[k];
        // A ratio only where both delivered every message of every accepted webhook in time: otherwise one side
        // was saturated, and its percentiles describe a backlog or the survivors, not a latency.
        const lost = dr.missing + dr.unanswered + dr.discarded;
        if (lost > 0 || br.missing > 0) {
          return `| ${rate} | not comparable: saturated (desk: ${dr.missing} deliveries missing, ${dr.unanswered} webhooks unanswered, ${dr.discarded} discarded; baseline: ${br.missing} deliveries missing, ${br.disconnects} disconnects) | | |`;
        }
        const both = (x, y) => `${ms(x)} / ${ms(y)} = ×${(x / y).toFixed(1)}`;
        return `| ${rate} | ${both(dr.latency.p50, br.latency.p50)} | ${both(dr.latency.p99, br.latency.p99)} | ${both(dr.latency.max, br.latency.max)} |`;
      }),
      '',
      `Run took ${total.toFixed(0)} s (${CLIENTS} clients, ${USERS} lead users, ${PROCS} client processes, ${SECONDS} s per phase; ` +
        `${cpus().length} CPUs ${cpus()[0]?.model ?? ''}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}). ` +
        `Desk warnings logged: ${warnings.length}.`,
    ].join('\n');
    console.log(report);
    if (warnings.length > 0) log(`desk warnings (first 5):\n${warnings.slice(0, 5).join('\n')}`);
    if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify({ deskRuns, baseRuns, total, warnings }, null, 2));
    writeSummary({ title: `Live latency, ${CLIENTS} connected clients (\`bench/live-latency.mjs\`)`, seconds: total, rows: summaryRows(deskRuns, baseRuns), markdown: report });
    await Promise.all(procs.map((p) => p.ask('close').catch(() => undefined)));
  } finally {
    await cleanup();
    log(`database ${dbName} dropped; done in ${((now() - T0) / 1000).toFixed(0)} s`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

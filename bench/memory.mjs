#!/usr/bin/env node
// Memory benchmark: resident memory and heap of the API process idle, with 1,000 connected agents, and after live
// traffic to them; beside a bare socket.io server (bench/baseline-server.mjs) with the same 1,000 clients and the
// same traffic, measured in the same run. See BENCHMARKS.md.
//
//   npm run bench:memory                (or: node bench/memory.mjs)
//
// Both processes run with `--expose-gc --require bench/memory-probe.cjs`: on SIGUSR2 they collect garbage and write
// process.memoryUsage(); the resident size (VmRSS) is read from /proc/<pid>/status at the same moment.
//
// Environment (all optional):
//   DATABASE_URL     superuser URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                    a fresh bench_memory_<random> database is created there and dropped at the end
//   BENCH_USERS      agents signed in (default 20)     BENCH_CLIENTS   sockets, spread over them (default 1000)
//   BENCH_PROCS      client processes (default 2)      BENCH_CONNECT_BATCH  sockets each client process connects at once (default 50)
//   BENCH_RATE, BENCH_SECONDS   the traffic: webhooks per second, each pushed to every socket (default 20, 10)
//   BENCH_JSON_OUT   write the summary bench/run-all.mjs collects to this file
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { envInt as int, ratio, writeSummary } from './bench-support.mjs';
import { monitorOf } from './desk-monitor.mjs';
import { api, createBenchDatabase, createUsers, killStarted, now, peer, root, signedWebhook, sleep, startDesk, started } from './desk-process.mjs';
import { machineTicks } from './machine-load.mjs';

const USERS = int('BENCH_USERS', 20);
const BATCH = int('BENCH_CONNECT_BATCH', 50);
const CLIENTS = int('BENCH_CLIENTS', 1000);
const PROCS = int('BENCH_PROCS', 2);
const RATE = int('BENCH_RATE', 20);
const SECONDS = int('BENCH_SECONDS', 10);
const ADMIN = { email: 'bench-admin@bench.example', password: `bench-${randomBytes(8).toString('hex')}` };
const SECRET = 'bench-memory-secret';
const PROBE = join(root, 'bench/memory-probe.cjs');
const T0 = now();
const log = (...args) => console.error(`[memory ${((now() - T0) / 1000).toFixed(1)}s]`, ...args);
const MB = (bytes) => bytes / 2 ** 20;
const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

/** After a full GC in the process: its resident memory (kernel) and its V8 heap (the process's own report). */
async function sample(pid, file) {
  const before = (() => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  })();
  process.kill(pid, 'SIGUSR2');
  const deadline = now() + 10_000;
  for (;;) {
    try {
      if (statSync(file).mtimeMs > before) break;
    } catch {
      /* not yet written */
    }
    if (now() > deadline) throw new Error(`process ${pid} did not report its memory`);
    await sleep(50);
  }
  await sleep(20);
  const usage = JSON.parse(readFileSync(file, 'utf8'));
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: MB(kb('VmRSS')), hwm: MB(kb('VmHWM')), heapUsed: MB(usage.heapUsed), heapTotal: MB(usage.heapTotal), external: MB(usage.external) };
}

async function waitDelivered(procs, count) {
  const deadline = now() + 30_000;
  for (;;) {
    const ps = await Promise.all(procs.map((p) => p.ask('progress')));
    const complete = ps.reduce((n, p) => n + p.complete, 0);
    if (complete === CLIENTS || now() > deadline) return { complete, received: ps.reduce((n, p) => n + p.received, 0), expected: CLIENTS * count };
    await sleep(200);
  }
}

async function main() {
  const { io } = await import('socket.io-client');
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const db = await createBenchDatabase('memory');
  const probeArgs = ['--expose-gc', '--require', PROBE];
  let desk;
  let procs = [];
  let baseline;
  try {
    const deskFile = join(dir, 'desk.json');
    desk = await startDesk(db.url, { admin: ADMIN, nodeArgs: probeArgs, env: { BENCH_MEMORY_FILE: deskFile } });
    const admin = (await api(desk.url, '/api/auth/login', { body: ADMIN })).accessToken;
    const role = (await api(desk.url, '/api/roles', { token: admin, body: { name: 'Care' } })).id;
    const channel = await api(desk.url, '/api/channels', { token: admin, body: { type: 'api', name: 'bench', config: { secret: SECRET } } });
    const users = await createUsers(
      desk.url,
      admin,
      Array.from({ length: USERS }, (_, u) => ({ email: `agent-${u}@bench.example`, name: `Agent ${u}`, password: `bench-agent-password-${u}`, access: 'agent' })),
    );
    await api(desk.url, `/api/roles/${role}/members`, { token: admin, method: 'PUT', body: { members: users.map((u) => ({ userId: u.id })) } });
    await api(desk.url, '/api/responsibility-map', { token: admin, method: 'PUT', body: { defaultRoleId: role, rules: [] } });
    log(`${USERS} agents in one role`);
    await sleep(2_000);
    const deskIdle = await sample(desk.child.pid, deskFile);
    log(`desk idle: ${JSON.stringify(deskIdle)}`);

    procs = Array.from({ length: PROCS }, () => {
      const child = fork(join(root, 'bench/live-clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      started.push(child);
      return peer(child);
    });
    const auths = Array.from({ length: CLIENTS }, (_, i) => ({ token: users[i % USERS].token }));
    const split = procs.map((_, k) => auths.filter((__, i) => i % PROCS === k));
    const t = now();
    await Promise.all(procs.map((p, k) => p.ask('connect', { url: desk.url, auths: split[k], desk: true, batch: BATCH })));
    const connectSeconds = (now() - t) / 1000;
    log(`${CLIENTS} sockets connected and replayed in ${connectSeconds.toFixed(1)} s`);
    await sleep(3_000);
    const deskConnected = await sample(desk.child.pid, deskFile);
    log(`desk with ${CLIENTS} sockets: ${JSON.stringify(deskConnected)}`);

    // Traffic: webhooks at RATE/s, each a message every socket receives (and, per thread, its conversation).
    const monitor = monitorOf(io, desk.url, admin);
    await monitor.ready;
    const count = RATE * SECONDS;
    await Promise.all(procs.map((p) => p.ask('phase', { name: 'mem', count })));
    const ticks = machineTicks();
    for (let i = 0; i < count; i++) {
      signedWebhook(desk.url, channel.id, SECRET, {
        id: `mem-${i}`,
        kind: 'comment',
        threadId: `mem-thread-${i % 20}`,
        author: { id: `mem-customer-${i % 20}`, name: `Customer ${i % 20}`, followers: 10 },
        text: `bench mem ${i}`,
        createdAt: new Date().toISOString(),
      }).then((r) => r.arrayBuffer(), () => undefined);
      await sleep(1000 / RATE);
    }
    const deskDelivery = await waitDelivered(procs, count);
    const t2 = machineTicks();
    const busy = Math.round(((t2.busy - ticks.busy) / (t2.total - ticks.total)) * 100);
    await sleep(2_000);
    const deskTraffic = await sample(desk.child.pid, deskFile);
    log(`desk after ${count} webhooks (${deskDelivery.received}/${deskDelivery.expected} delivered): ${JSON.stringify(deskTraffic)}`);
    const shape = monitor.shape();
    monitor.close();
    await Promise.all(procs.map((p) => p.ask('close')));
    await desk.stop();
    desk = undefined;

    const baseFile = join(dir, 'baseline.json');
    const child = fork(join(root, 'bench/baseline-server.mjs'), [], { execArgv: probeArgs, env: { ...process.env, BENCH_MEMORY_FILE: baseFile }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    started.push(child);
    await new Promise((resolve) => child.on('message', (m) => m?.listening && resolve((baseline = { port: m.listening }))));
    const server = peer(child);
    await sleep(1_000);
    const baseIdle = await sample(child.pid, baseFile);
    await Promise.all(procs.map((p, k) => p.ask('connect', { url: `http://127.0.0.1:${baseline.port}`, auths: split[k], desk: false, batch: BATCH })));
    await sleep(3_000);
    const baseConnected = await sample(child.pid, baseFile);
    await Promise.all(procs.map((p) => p.ask('phase', { name: 'bmem', count })));
    await server.ask('run', { name: 'bmem', rate: RATE, count, message: shape.message, others: shape.others });
    const baseDelivery = await waitDelivered(procs, count);
    await sleep(2_000);
    const baseTraffic = await sample(child.pid, baseFile);
    log(`baseline: idle ${fmt(baseIdle.rss)} MB, connected ${fmt(baseConnected.rss)} MB, after traffic ${fmt(baseTraffic.rss)} MB`);
    await Promise.all(procs.map((p) => p.ask('close')));

    const perConn = (a, b, key) => ((b[key] - a[key]) * 1024) / CLIENTS; // kB per connection
    const rows = [
      ['API process (`dist/apps/api`, workers in-process)', deskIdle, deskConnected, deskTraffic, deskDelivery],
      ['baseline: bare socket.io 4.8.3 server', baseIdle, baseConnected, baseTraffic, baseDelivery],
    ];
    const total = (now() - T0) / 1000;
    const markdown = [
      `${CLIENTS} socket.io clients (\`transports: ['websocket']\`, in ${PROCS} child processes) signed in as ${USERS} agents of one role (${CLIENTS / USERS} sockets each), ` +
        `connected to the built desk (NODE_ENV=production, one instance, fresh database). Memory after a full GC (\`--expose-gc\`, the probe \`bench/memory-probe.cjs\`): ` +
        `resident (VmRSS from /proc) and V8 heap used. *After traffic*: ${count} webhooks at ${RATE}/s, each message pushed to every socket ` +
        `(the bare server sends the same events, same bodies, same counts).`,
      '',
      '| process | RSS idle MB | RSS with clients MB | RSS after traffic MB | peak RSS MB (whole life, argon2 of the sign-ins included) | heap idle / with clients / after traffic MB | RSS per connection kB | heap per connection kB | traffic delivered |',
      '|---|---:|---:|---:|---:|---|---:|---:|---:|',
      ...rows.map(
        ([name, a, b, c, d]) =>
          `| ${name} | ${fmt(a.rss)} | ${fmt(b.rss)} | ${fmt(c.rss)} | ${fmt(c.hwm)} | ${fmt(a.heapUsed)} / ${fmt(b.heapUsed)} / ${fmt(c.heapUsed)} | ` +
          `${fmt(perConn(a, b, 'rss'))} | ${fmt(perConn(a, b, 'heapUsed'))} | ${d.received} / ${d.expected} |`,
      ),
      '',
      `Connecting and replaying ${CLIENTS} sockets to the desk took ${connectSeconds.toFixed(1)} s. Machine ${busy} % busy during the desk's traffic. ` +
        `Run took ${total.toFixed(0)} s on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}.`,
    ].join('\n');
    console.log(markdown);
    const deskPer = perConn(deskIdle, deskConnected, 'rss');
    const basePer = perConn(baseIdle, baseConnected, 'rss');
    writeSummary({
      title: `Memory with ${CLIENTS} connected agents (\`bench/memory.mjs\`)`,
      seconds: total,
      rows: [
        {
          measure: `API process RSS with ${CLIENTS} agents connected (idle → connected → after traffic), MB`,
          desk: `${fmt(deskIdle.rss, 0)} → ${fmt(deskConnected.rss, 0)} → ${fmt(deskTraffic.rss, 0)}`,
          baseline: `${fmt(baseIdle.rss, 0)} → ${fmt(baseConnected.rss, 0)} → ${fmt(baseTraffic.rss, 0)} (bare socket.io)`,
          ratio: ratio(deskConnected.rss, baseConnected.rss),
        },
        {
          measure: 'memory per connection (RSS growth ÷ connections), kB',
          desk: `${fmt(deskPer)} kB (heap ${fmt(perConn(deskIdle, deskConnected, 'heapUsed'))} kB)`,
          baseline: `${fmt(basePer)} kB (heap ${fmt(perConn(baseIdle, baseConnected, 'heapUsed'))} kB)`,
          ratio: ratio(deskPer, basePer),
        },
      ],
      markdown,
    });
  } finally {
    for (const p of procs) if (p.child.connected) p.child.disconnect();
    if (desk) await desk.stop().catch(() => undefined);
    killStarted();
    rmSync(dir, { recursive: true, force: true });
    await db.drop().catch((e) => log(`dropping ${db.name} failed: ${e.message}`));
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

#!/usr/bin/env node
// Sustained ingestion benchmark: signed webhooks per second through the whole path (stored, processed, routed,
// assigned, pushed to the connected agents), beside pgbench's tpcb-like transactions per second with 8 clients on
// the same PostgreSQL, measured in the same run. See BENCHMARKS.md.
//
//   npm run bench:ingest                (or: node bench/ingest-throughput.mjs)
//
// The load is a closed loop through the whole path: each of BENCH_CONCURRENCY senders posts a webhook that opens a
// new conversation, then waits until a lead's socket has received both its `message.created` and the
// `conversation.assigned` that hands it to an online agent, then sends the next. One step per concurrency level.
// Then a backlog: BENCH_BURST webhooks posted as fast as the desk answers, timed until the last one is assigned and
// pushed: the sustained rate when the desk has work queued (it then applies webhooks in full batches).
//
// Environment (all optional):
//   DATABASE_URL        superuser URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                       fresh bench_ingest_<random> and bench_pgbench_<random> databases are created and dropped
//   BENCH_CONCURRENCY   senders in flight, one step per value (default 8,32)
//   BENCH_SECONDS       length of each step (default 15)
//   BENCH_BURST         webhooks of the backlog step (default 2000), posted without waiting for their processing;
//                       BENCH_DRAIN_SECONDS (default 120): how long to wait for the last of them to be pushed as assigned
//   BENCH_AGENTS        agents online (socket-connected) in the two roles (default 10)
//   BENCH_PGBENCH_SECONDS  length of the pgbench run (default 20)   BENCH_PGBENCH_SCALE  pgbench -s (default 10)
//   BENCH_JSON_OUT      write the summary bench/run-all.mjs collects to this file
import { execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { envInt as int, ratio, withClient, writeSummary } from './bench-support.mjs';
import { api, createBenchDatabase, createUsers, killStarted, now, peer, root, signedWebhook, sleep, startDesk, started } from './desk-process.mjs';
import { cpuSeconds, machineTicks, postgresCpuSeconds } from './machine-load.mjs';

const env = process.env;
const CONCURRENCY = (env.BENCH_CONCURRENCY || '8,32').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SECONDS = int('BENCH_SECONDS', 15);
const AGENTS = int('BENCH_AGENTS', 10);
const BURST = int('BENCH_BURST', 2000);
const DRAIN_SECONDS = int('BENCH_DRAIN_SECONDS', 120);
const PGBENCH_SECONDS = int('BENCH_PGBENCH_SECONDS', 20);
const PGBENCH_SCALE = int('BENCH_PGBENCH_SCALE', 10);
const ADMIN = { email: 'bench-admin@bench.example', password: `bench-${randomBytes(8).toString('hex')}` };
const SECRET = 'bench-ingest-secret';
const T0 = now();
const log = (...args) => console.error(`[ingest ${((now() - T0) / 1000).toFixed(1)}s]`, ...args);
const exec = promisify(execFile);

/** Percentiles of a list of numbers. */
function stats(values) {
  const s = Float64Array.from(values).sort();
  const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.length ? s[s.length - 1] : NaN };
}
const fmt = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');

/** CPU from now until the returned function is called: the desk (% of a core), PostgreSQL and the machine. */
function cpuProbe(pid) {
  const before = { at: now(), desk: cpuSeconds(pid), pg: postgresCpuSeconds(), machine: machineTicks(), self: process.cpuUsage() };
  return () => {
    const secs = (now() - before.at) / 1000;
    const m = machineTicks();
    return {
      desk: Math.round(((cpuSeconds(pid) - before.desk) / secs) * 100),
      pg: Math.round(((postgresCpuSeconds() - before.pg) / secs) * 100),
      driver: Math.round(((u) => (u.user + u.system) / 1e4 / secs)(process.cpuUsage(before.self))),
      machine: Math.round(((m.busy - before.machine.busy) / (m.total - before.machine.total)) * 100),
    };
  };
}

/** The task force: two roles (round robin), AGENTS agents split over them, a map sending "refund" texts to the second. */
async function taskForce(url, admin) {
  const roles = [];
  for (const name of ['Care', 'Billing']) roles.push((await api(url, '/api/roles', { token: admin, body: { name, assignment: 'round_robin' } })).id);
  const agents = await createUsers(
    url,
    admin,
    Array.from({ length: AGENTS }, (_, i) => ({ email: `agent-${i}@bench.example`, name: `Agent ${i}`, password: `bench-agent-password-${i}`, access: 'agent' })),
  );
  for (const [k, roleId] of roles.entries()) {
    const members = agents.filter((_, i) => i % roles.length === k).map((a) => ({ userId: a.id, capacity: null }));
    await api(url, `/api/roles/${roleId}/members`, { token: admin, method: 'PUT', body: { members } });
  }
  await api(url, '/api/responsibility-map', {
    token: admin,
    method: 'PUT',
    body: { defaultRoleId: roles[0], rules: [{ name: 'Refunds', when: { keywords: ['refund'] }, then: { roleId: roles[1], priority: 'high', tags: ['billing'] } }] },
  });
  return { roles, agents };
}

/** A lead's socket in this process: resolves each webhook's wait once its message and its assignment were pushed. */
function completionWatch(io, url, token) {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
  const byConversation = new Map(); // conversationId -> {message?: index, assigned?: true}
  const waiting = new Map(); // index -> resolve
  const settle = (conversationId) => {
    const s = byConversation.get(conversationId);
    if (s?.index !== undefined && s.assigned) {
      byConversation.delete(conversationId);
      waiting.get(s.index)?.();
      waiting.delete(s.index);
    }
  };
  socket.on('message.created', (body) => {
    const m = /^ingest (\d+)\b/.exec(body?.message?.text ?? '');
    if (!m) return;
    const s = byConversation.get(body.conversationId) ?? {};
    s.index = Number(m[1]);
    byConversation.set(body.conversationId, s);
    settle(body.conversationId);
  });
  socket.on('conversation.assigned', (body) => {
    if (!body?.conversation?.assigneeId) return;
    const s = byConversation.get(body.conversation.id) ?? {};
    s.assigned = true;
    byConversation.set(body.conversation.id, s);
    settle(body.conversation.id);
  });
  return {
    ready: new Promise((resolve, reject) => (socket.once('replay.done', resolve), socket.once('connect_error', reject))),
    wait: (index) => new Promise((resolve) => waiting.set(index, resolve)),
    close: () => socket.close(),
  };
}

/** Posts webhook i (a new conversation; one text in four asks for a refund) and counts its answer's status. */
async function send(desk, channelId, i, statuses) {
  const res = await signedWebhook(desk.url, channelId, SECRET, {
    id: `ingest-${i}`,
    kind: 'comment',
    threadId: `ingest-thread-${i}`,
    author: { id: `ingest-customer-${i % 5000}`, name: `Customer ${i % 5000}`, followers: 10 + (i % 300) },
    text: `ingest ${i} ${i % 4 === 0 ? 'I want a refund for my order' : 'hello, is the shop open on Sunday?'}`,
    createdAt: new Date().toISOString(),
  }).catch((err) => ({ status: err.cause?.code ?? err.message, arrayBuffer: async () => undefined }));
  await res.arrayBuffer();
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  return res.status;
}

/**
 * A backlog: BURST webhooks posted by 32 senders as fast as the desk answers them, none waiting for its processing;
 * then the time until the last of them was pushed as assigned. The desk works the backlog off in full batches.
 */
async function burst(desk, channelId, watch, next) {
  const statuses = {};
  const done = [];
  let last = 0;
  const cpu = cpuProbe(desk.child.pid);
  const t = now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (sent < BURST) {
        sent++;
        const i = next();
        const finished = watch.wait(i).then(() => (last = Math.max(last, now())));
        if ((await send(desk, channelId, i, statuses)) === 200) done.push(finished);
      }
    }),
  );
  const answered = (now() - t) / 1000;
  const ok = await Promise.race([Promise.all(done).then(() => true), sleep(DRAIN_SECONDS * 1000).then(() => false)]);
  const seconds = ((ok ? last : now()) - t) / 1000;
  return { acked: done.length, answerRate: done.length / answered, answered, drained: ok, seconds, rate: done.length / seconds, statuses, cpu: cpu() };
}

/** One step: `concurrency` senders in a closed loop for SECONDS; each webhook opens a conversation. */
async function step(desk, channelId, watch, concurrency, next, seconds = SECONDS) {
  const until = now() + seconds * 1000;
  const times = [];
  const statuses = {};
  let acked = 0;
  const cpu = cpuProbe(desk.child.pid);
  const t = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < until) {
        const i = next();
        const sent = now();
        const done = watch.wait(i);
        if ((await send(desk, channelId, i, statuses)) !== 200) continue;
        acked++;
        // A lost push would hang a sender: it gives up after 30 s and the SQL check at the end says what happened.
        await Promise.race([done, sleep(30_000)]);
        times.push(now() - sent);
      }
    }),
  );
  const took = (now() - t) / 1000;
  return { concurrency, seconds: took, acked, completed: times.length, rate: times.length / took, latency: stats(times), statuses, cpu: cpu() };
}

/** pgbench tpcb-like with 8 clients on a throwaway database of the same server. */
async function pgbench() {
  const db = await createBenchDatabase('pgbench');
  try {
    log(`pgbench -i -s ${PGBENCH_SCALE} on ${db.name}`);
    await exec('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), db.url], { maxBuffer: 1 << 24 });
    const cpu = cpuProbe(process.pid);
    const { stdout } = await exec('pgbench', ['-c', '8', '-j', '2', '-T', String(PGBENCH_SECONDS), db.url], { maxBuffer: 1 << 24 });
    const load = cpu();
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    log(`pgbench: ${tps} tps, latency average ${latency} ms`);
    return { tps, latency, cpu: load, version: (await exec('pgbench', ['--version'])).stdout.trim() };
  } finally {
    await db.drop();
  }
}

/** Every acknowledged webhook must be exactly one message, one conversation, assigned. */
async function verify(dbUrl, channelId, acked) {
  return withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*)::int FROM webhook_events WHERE channel_id = $1) AS webhooks,
              (SELECT count(*)::int FROM webhook_events WHERE channel_id = $1 AND status <> 'processed') AS unprocessed,
              (SELECT count(*)::int FROM messages WHERE channel_id = $1) AS messages,
              (SELECT count(DISTINCT external_id)::int FROM messages WHERE channel_id = $1) AS distinct_messages,
              (SELECT count(*)::int FROM conversations WHERE channel_id = $1) AS conversations,
              (SELECT count(*)::int FROM conversations WHERE channel_id = $1 AND assignee_id IS NOT NULL) AS assigned,
              (SELECT count(*)::int FROM conversations WHERE channel_id = $1 AND role_id IS NULL) AS unrouted,
              (SELECT extract(epoch FROM max(processed_at) - min(received_at)) FROM webhook_events WHERE channel_id = $1) AS span`,
      [channelId],
    );
    const r = rows[0];
    const ok = r.webhooks === acked && r.messages === acked && r.distinct_messages === acked && r.conversations === acked && r.assigned === acked && r.unprocessed === 0 && r.unrouted === 0;
    return { ...r, acked, ok };
  });
}

async function main() {
  const { io } = await import('socket.io-client');
  log(`steps: ${CONCURRENCY.join(', ')} senders × ${SECONDS} s; ${AGENTS} agents online`);
  const db = await createBenchDatabase('ingest');
  let desk;
  let clients;
  let watch;
  try {
    desk = await startDesk(db.url, { admin: ADMIN });
    const admin = (await api(desk.url, '/api/auth/login', { body: ADMIN })).accessToken;
    const { agents } = await taskForce(desk.url, admin);
    const channel = await api(desk.url, '/api/channels', { token: admin, body: { type: 'api', name: 'bench', config: { secret: SECRET } } });
    const lead = { email: 'lead@bench.example', password: 'bench-lead-password' };
    await api(desk.url, '/api/users', { token: admin, body: { ...lead, name: 'Lead', access: 'lead' } });
    const leadToken = (await api(desk.url, '/api/auth/login', { body: lead })).accessToken;

    // The agents' sockets live in a child process: connected, they are online, so conversations are assigned to them.
    const child = fork(join(root, 'bench/live-clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    started.push(child);
    clients = peer(child);
    await clients.ask('connect', { url: desk.url, auths: agents.map((a) => ({ token: a.token })), desk: true });
    await clients.ask('phase', { name: 'none', count: 0 });
    const online = async () => (await withClient(db.url, (c) => c.query(`SELECT count(*)::int AS n FROM user_presence WHERE status = 'online'`))).rows[0].n;
    while ((await online()) < AGENTS) await sleep(100);
    watch = completionWatch(io, desk.url, leadToken);
    await watch.ready;
    log(`desk up, ${AGENTS} agents online in 2 roles`);

    let seq = 0;
    const next = () => seq++;
    await step(desk, channel.id, watch, 4, next, 3); // warm-up at low concurrency, counted in the SQL check only
    const steps = [];
    for (const c of CONCURRENCY) {
      const s = await step(desk, channel.id, watch, c, next);
      log(`${c} senders: ${s.completed} webhooks through the whole path in ${s.seconds.toFixed(1)} s = ${fmt(s.rate)}/s; p50 ${fmt(s.latency.p50)} ms, p99 ${fmt(s.latency.p99)} ms; cpu desk ${s.cpu.desk} % pg ${s.cpu.pg} % machine ${s.cpu.machine} %`);
      steps.push(s);
    }
    const backlog = await burst(desk, channel.id, watch, next);
    log(`backlog of ${backlog.acked}: answered at ${fmt(backlog.answerRate)}/s, all through the path in ${backlog.seconds.toFixed(1)} s = ${fmt(backlog.rate)}/s${backlog.drained ? '' : ' (NOT DRAINED)'}`);
    await sleep(1000);
    const acked = Number((await withClient(db.url, (c) => c.query(`SELECT count(*)::int AS n FROM webhook_events WHERE channel_id = $1`, [channel.id]))).rows[0].n);
    const check = await verify(db.url, channel.id, acked);
    log(`check: ${JSON.stringify(check)} (sent ${seq})`);
    watch.close();
    await clients.ask('exit').catch(() => undefined);
    await desk.stop();
    desk = undefined;
    const base = await pgbench();
    const best = steps.reduce((a, b) => (b.rate > a.rate ? b : a));
    const sustained = backlog.drained ? backlog.rate : NaN;
    const total = (now() - T0) / 1000;
    const markdown = render(steps, backlog, check, base, total);
    console.log(markdown);
    writeSummary({
      title: 'Sustained ingestion (`bench/ingest-throughput.mjs`)',
      seconds: total,
      rows: [
        {
          measure: `sustained ingestion: a backlog of ${backlog.acked} signed webhooks stored, routed, assigned and pushed, per second`,
          desk: `${fmt(sustained)}/s (answered at ${fmt(backlog.answerRate)}/s)${check.ok ? '; counts checked in SQL' : ' — COUNT CHECK FAILED'}`,
          baseline: `${fmt(base.tps)} TPS (pgbench tpcb-like, 8 clients)`,
          ratio: ratio(sustained, base.tps, 3),
        },
        {
          measure: `closed loop (send, wait for the assignment's push), best of ${CONCURRENCY.join('/')} senders, webhooks/s`,
          desk: `${fmt(best.rate)}/s (${best.concurrency} senders; send → assigned p50 ${fmt(best.latency.p50)} ms)`,
          baseline: `${fmt(base.tps)} TPS`,
          ratio: ratio(best.rate, base.tps, 3),
        },
      ],
      markdown,
    });
  } finally {
    watch?.close();
    if (clients?.child.connected) clients.child.disconnect();
    if (desk) await desk.stop().catch(() => undefined);
    killStarted();
    await db.drop().catch((e) => log(`dropping ${db.name} failed: ${e.message}`));
  }
}

function render(steps, backlog, check, base, total) {
  const sustained = backlog.drained ? backlog.rate : NaN;
  return [
    `Closed loop through the whole path: each sender posts a signed webhook of the generic \`api\` channel that opens a new conversation, and sends the next only when a lead's socket has received its \`message.created\` and the \`conversation.assigned\` handing it to an online agent. ${AGENTS} agents are socket-connected (presence online) in two round-robin roles; the map sends one text in four ("refund") to the second role. The built desk runs as \`npm start\` runs it (workers in-process) on a fresh database.`,
    '',
    '| senders | seconds | webhooks through the path | per second | send → assigned pushed p50 / p99 / max ms | non-200 | CPU % of a core: desk / postgres (all) / driver | machine busy % |',
    '|---:|---:|---:|---:|---|---|---|---:|',
    ...steps.map(
      (s) =>
        `| ${s.concurrency} | ${s.seconds.toFixed(1)} | ${s.completed} | ${fmt(s.rate)} | ${fmt(s.latency.p50)} / ${fmt(s.latency.p99)} / ${fmt(s.latency.max)} | ` +
        `${Object.entries(s.statuses).filter(([k]) => k !== '200').map(([k, n]) => `${n}×${k}`).join(', ') || '0'} | ${s.cpu.desk} / ${s.cpu.pg} / ${s.cpu.driver} | ${s.cpu.machine} |`,
    ),
    '',
    `**Backlog:** ${backlog.acked} webhooks posted by 32 senders without waiting, answered in ${backlog.answered.toFixed(1)} s (${fmt(backlog.answerRate)}/s); ` +
      `the last of them pushed as assigned ${backlog.seconds.toFixed(1)} s after the first was sent${backlog.drained ? '' : ` (**not all within ${DRAIN_SECONDS} s**)`}: ` +
      `**${fmt(sustained)} webhooks/s sustained through the whole path**; non-200: ${Object.entries(backlog.statuses).filter(([k]) => k !== '200').map(([k, n]) => `${n}×${k}`).join(', ') || '0'}; ` +
      `CPU % of a core: desk ${backlog.cpu.desk}, postgres ${backlog.cpu.pg}, driver ${backlog.cpu.driver}; machine ${backlog.cpu.machine} % busy.`,
    '',
    `**Counted in SQL at the end** (warm-up included): ${check.acked} acknowledged webhooks → ${check.messages} messages (${check.distinct_messages} distinct), ` +
      `${check.conversations} conversations, ${check.assigned} assigned, ${check.unrouted} without a role, ${check.unprocessed} webhooks not processed: ` +
      `${check.ok ? 'every acknowledged webhook is exactly one message, no duplicates' : '**MISMATCH**'}.`,
    '',
    `**Baseline:** ${base.version}, tpcb-like, \`-c 8 -j 2 -T ${PGBENCH_SECONDS}\`, scale ${PGBENCH_SCALE}, on a throwaway database of the same server: ` +
      `**${fmt(base.tps)} TPS** (latency average ${base.latency} ms; postgres ${base.cpu.pg} % of a core, machine ${base.cpu.machine} % busy). ` +
      `Ratio: ${fmt(sustained)} webhooks/s ÷ ${fmt(base.tps)} TPS = ${ratio(sustained, base.tps, 3)}: a webhook through the whole path costs ` +
      `about ${fmt(base.tps / sustained)} tpcb-like transactions' worth of this machine.`,
    '',
    `Run took ${total.toFixed(0)} s on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}.`,
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

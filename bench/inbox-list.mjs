#!/usr/bin/env node
// Inbox listing benchmark: GET /api/conversations of a role's queue (and the other everyday lists) with 1,000,000
// conversations stored, as an agent and as a lead, through the real HTTP API of the built desk; beside, in the same
// run, the same server's cheapest authenticated route (GET /api/me) and the listing's own SQL timed bare with pg.
// The SQL is the service's own: captured from the PostgreSQL log (log_min_duration_statement on the bench database
// only) while the desk answered each case once, then explained with EXPLAIN (ANALYZE, BUFFERS). See BENCHMARKS.md.
//
//   npm run bench:inbox-list            (or: node bench/inbox-list.mjs)
//
// Environment (all optional):
//   DATABASE_URL        superuser URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                       a fresh bench_inbox_<random> database is created there and dropped at the end
//   BENCH_CONVERSATIONS conversations to store (default 1000000)
//   BENCH_MESSAGES      1 (default): each conversation gets its first message; 0: none (faster seeding)
//   BENCH_REQUESTS      timed requests per case, one at a time, after 5 not timed (default 200)
//   BENCH_PG_LOG        the PostgreSQL server log to read the statements from (default /var/log/postgresql/postgresql-<major>-main.log)
//   BENCH_JSON_OUT      write the summary bench/run-all.mjs collects to this file
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { envInt as int, ratio, withClient, writeSummary } from './bench-support.mjs';
import { api, createBenchDatabase, killStarted, now, sleep, startDesk } from './desk-process.mjs';
import { seedInbox } from './inbox-seed.mjs';
import { machineTicks } from './machine-load.mjs';

const env = process.env;
const N = int('BENCH_CONVERSATIONS', 1_000_000);
const MESSAGES = int('BENCH_MESSAGES', 1, 0) > 0;
const REQUESTS = int('BENCH_REQUESTS', 200);
const ADMIN = { email: 'bench-admin@bench.example', password: `bench-${randomBytes(8).toString('hex')}` };
const T0 = now();
const log = (...args) => console.error(`[inbox ${((now() - T0) / 1000).toFixed(1)}s]`, ...args);
const fmt = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');
// A cursor of the shape the API gives out, for capturing page 2's statement on the empty database.
const PROBE_CURSOR = { activityUs: '1700000000000000', id: randomUUID() };
const cursorOf = (p) => Buffer.from(JSON.stringify([p.activityUs, p.id])).toString('base64url');

/** The cases: who asks, and the query string (roles by index; `page2` follows the nextCursor of the same query). */
const CASES = [
  { name: "agent: a role's queue", who: 'agent', query: (r) => `roleId=${r[0]}&status=open&assigneeId=none` },
  { name: 'agent: mine, open', who: 'agent', query: () => 'assigneeId=me&status=open' },
  { name: 'agent: everything visible', who: 'agent', query: () => '' },
  { name: "lead: a role's queue", who: 'lead', query: (r) => `roleId=${r[0]}&status=open&assigneeId=none` },
  { name: 'lead: a role, any status', who: 'lead', query: (r) => `roleId=${r[1]}` },
  { name: 'lead: all open', who: 'lead', query: () => 'status=open' },
  { name: 'lead: all open, page 2', who: 'lead', query: () => 'status=open', page2: true },
];

function stats(values) {
  const s = Float64Array.from(values).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}

/** The server log's new bytes since `from`, as text. */
function readLog(path, from) {
  const size = statSync(path).size;
  if (size <= from) return { text: '', end: size };
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(size - from);
    readSync(fd, buf, 0, buf.length, from);
    return { text: buf.toString('utf8'), end: size };
  } finally {
    closeSync(fd);
  }
}

/** The listing statements of database `db` in a log excerpt, with their parameters: [{text, params}]. */
function listingStatements(text, db) {
  const entries = text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  const found = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e.includes(`@${db} `)) continue;
    const m = /LOG: {2}duration: [\d.]+ ms {2}execute [^:]*: ([\s\S]*)$/.exec(e);
    if (!m || !m[1].includes('FROM conversations c LEFT JOIN contacts ct') || !m[1].includes('ORDER BY c.last_message_at DESC')) continue;
    const pid = /\[(\d+)\]/.exec(e)[1];
    const detail = entries.slice(i + 1, i + 4).find((d) => d.includes(`[${pid}]`) && d.includes('DETAIL:  parameters:'));
    const params = [];
    for (const p of (detail ?? '').matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) params[Number(p[1]) - 1] = p[2] === 'NULL' ? null : p[3].replace(/''/g, "'");
    found.push({ text: m[1].replace(/\n\t/g, '\n').trim(), params });
  }
  return found;
}

/** `count` requests of `path` one at a time after 5 not timed: per-request milliseconds. */
async function timeRequests(url, path, token, count) {
  const once = async () => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body;
  };
  for (let i = 0; i < 5; i++) await once();
  const times = [];
  let body;
  for (let i = 0; i < count; i++) {
    const t = now();
    body = await once();
    times.push(now() - t);
  }
  return { ...stats(times), items: body.items?.length };
}

async function timeSql(dbUrl, text, params, count) {
  return withClient(dbUrl, async (c) => {
    for (let i = 0; i < 5; i++) await c.query(text, params);
    const times = [];
    for (let i = 0; i < count; i++) {
      const t = now();
      await c.query(text, params);
      times.push(now() - t);
    }
    const plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN']);
    return { ...stats(times), plan };
  });
}

async function people(url, admin, roles) {
  const agent = { email: 'agent@bench.example', password: 'bench-agent-password' };
  const lead = { email: 'lead@bench.example', password: 'bench-lead-password' };
  const { id: agentId } = await api(url, '/api/users', { token: admin, body: { ...agent, name: 'Bench agent', access: 'agent' } });
  await api(url, '/api/users', { token: admin, body: { ...lead, name: 'Bench lead', access: 'lead' } });
  for (const roleId of roles.slice(0, 2)) await api(url, `/api/roles/${roleId}/members`, { token: admin, method: 'PUT', body: { members: [{ userId: agentId }] } });
  return { agentId, agent, lead };
}

const login = async (url, who) => (await api(url, '/api/auth/login', { body: who })).accessToken;

async function main() {
  const db = await createBenchDatabase('inbox');
  let desk;
  try {
    const pgMajor = (await withClient(db.url, (c) => c.query(`SHOW server_version_num`))).rows[0].server_version_num.slice(0, 2);
    const logPath = env.BENCH_PG_LOG || `/var/log/postgresql/postgresql-${pgMajor}-main.log`;
    // Only this database's sessions log their statements, and only while the desk answers each case once, empty.
    await withClient(db.url, (c) => c.query(`ALTER DATABASE "${db.name}" SET log_min_duration_statement = 0`));
    desk = await startDesk(db.url, { admin: ADMIN });
    let admin = await login(desk.url, ADMIN);
    const roles = [];
    for (let i = 1; i <= 5; i++) roles.push((await api(desk.url, '/api/roles', { token: admin, body: { name: `Role ${i}` } })).id);
    const channels = [];
    for (const name of ['Comments', 'Messages', 'Mentions']) channels.push((await api(desk.url, '/api/channels', { token: admin, body: { type: 'api', name, config: { secret: `s-${name}` } } })).id);
    const { agentId, agent, lead } = await people(desk.url, admin, roles);
    const tokens = { agent: await login(desk.url, agent), lead: await login(desk.url, lead) };
    const statements = [];
    for (const c of CASES) {
      const start = statSync(logPath).size;
      await api(desk.url, `/api/conversations?${c.query(roles)}${c.page2 ? `&cursor=${cursorOf(PROBE_CURSOR)}` : ''}`, { token: tokens[c.who] });
      await sleep(300);
      const found = listingStatements(readLog(logPath, start).text, db.name);
      if (found.length !== 1) throw new Error(`expected one listing statement in ${logPath} for "${c.name}", found ${found.length}`);
      statements.push(found[0]);
    }
    log(`the ${statements.length} listing statements captured from ${logPath}`);
    await desk.stop();
    desk = undefined;
    await withClient(db.url, (c) => c.query(`ALTER DATABASE "${db.name}" RESET log_min_duration_statement`));

    const ws = (await withClient(db.url, (c) => c.query(`SELECT id FROM workspaces LIMIT 1`))).rows[0].id;
    const seedStart = now();
    await withClient(db.url, (c) => seedInbox(c, { ws, roles, channels, agentId, n: N, messages: MESSAGES, log }));
    const seedSeconds = (now() - seedStart) / 1000;
    const sizes = (
      await withClient(db.url, (c) =>
        c.query(`SELECT pg_size_pretty(pg_total_relation_size('conversations')) AS conversations, pg_size_pretty(pg_database_size(current_database())) AS db,
                 (SELECT count(*)::int FROM conversations) AS n, (SELECT count(*)::int FROM conversations WHERE role_id = $1 AND status = 'open' AND assignee_id IS NULL) AS queue,
                 (SELECT count(*)::int FROM conversations c WHERE c.assignee_id = $2 OR c.role_id IN (SELECT role_id FROM role_members WHERE user_id = $2)) AS visible`, [roles[0], agentId]),
      )
    ).rows[0];
    log(`seeded in ${seedSeconds.toFixed(0)} s: ${JSON.stringify(sizes)}`);

    desk = await startDesk(db.url, { admin: ADMIN });
    admin = await login(desk.url, ADMIN);
    tokens.agent = await login(desk.url, agent);
    tokens.lead = await login(desk.url, lead);
    const ticks = machineTicks();
    const me = await timeRequests(desk.url, '/api/me', tokens.agent, REQUESTS);
    log(`GET /api/me: p50 ${fmt(me.p50)} ms, p99 ${fmt(me.p99)} ms`);
    const results = [];
    for (const [k, c] of CASES.entries()) {
      let path = `/api/conversations?${c.query(roles)}`;
      const st = statements[k];
      let params = st.params;
      if (c.page2) {
        const first = await api(desk.url, path, { token: tokens[c.who] });
        path += `&cursor=${first.nextCursor}`;
        const real = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
        params = params.map((p) => (p === PROBE_CURSOR.activityUs ? real[0] : p === PROBE_CURSOR.id ? real[1] : p));
      }
      const http = await timeRequests(desk.url, path, tokens[c.who], REQUESTS);
      const sql = await timeSql(db.url, st.text, params, REQUESTS);
      log(`${c.name}: HTTP p50 ${fmt(http.p50)} / p99 ${fmt(http.p99)} ms; SQL p50 ${fmt(sql.p50)} / p99 ${fmt(sql.p99)} ms (${http.items} items)`);
      results.push({ ...c, path, http, sql, statement: { text: st.text, params } });
    }
    const t2 = machineTicks();
    const busy = Math.round(((t2.busy - ticks.busy) / (t2.total - ticks.total)) * 100);
    const total = (now() - T0) / 1000;
    const markdown = render({ results, me, sizes, seedSeconds, busy, total });
    console.log(markdown);
    writeSummary({
      title: 'Inbox listing with 1,000,000 conversations (`bench/inbox-list.mjs`)',
      seconds: total,
      rows: results
        .filter((r) => /queue|page 2/.test(r.name))
        .map((r) => ({
          measure: `GET /api/conversations, ${r.name} (${sizes.n.toLocaleString('en-US')} stored), p50 / p99 ms`,
          desk: `${fmt(r.http.p50)} / ${fmt(r.http.p99)} (its SQL alone ${fmt(r.sql.p50)} / ${fmt(r.sql.p99)})`,
          baseline: `${fmt(me.p50)} / ${fmt(me.p99)} (GET /api/me)`,
          ratio: `${ratio(r.http.p50, me.p50)} / ${ratio(r.http.p99, me.p99)}`,
        })),
      markdown,
    });
  } finally {
    if (desk) await desk.stop().catch(() => undefined);
    killStarted();
    await db.drop().catch((e) => log(`dropping ${db.name} failed: ${e.message}`));
  }
}

function render({ results, me, sizes, seedSeconds, busy, total }) {
  const lines = [
    `${sizes.n.toLocaleString('en-US')} conversations of one workspace (${sizes.conversations} with their indexes; database ${sizes.db}), seeded set-based in ${seedSeconds.toFixed(0)} s ` +
      `with their contacts, identities${MESSAGES ? ' and first messages' : ''}: 5 roles (5 % without), 3 channels, 21 agents; 20 % open (half of them unassigned, in their role's queue), ` +
      `10 % pending, 5 % snoozed, 65 % resolved; a year of activity. The queue of role 1 holds ${sizes.queue.toLocaleString('en-US')} conversations; the agent (member of roles 1 and 2) ` +
      `may read ${sizes.visible.toLocaleString('en-US')}. The built desk answers over HTTP (keep-alive, one request at a time, ${REQUESTS} timed after 5 not timed, pages of 25); ` +
      "*SQL alone* is the service's own statement (captured from the server log) with the same parameters, timed through pg from the bench.",
    '',
    '| case | query | HTTP p50 / p99 / max ms | SQL alone p50 / p99 ms | HTTP p50 ÷ GET /api/me p50 |',
    '|---|---|---|---|---:|',
    ...results.map(
      (r) => `| ${r.name} | \`${r.path.replace(/^\/api\/conversations/, '').replace(/[0-9a-f-]{36}/g, '…').replace(/cursor=[^&]+/, 'cursor=…')}\` | ${fmt(r.http.p50)} / ${fmt(r.http.p99)} / ${fmt(r.http.max)} | ${fmt(r.sql.p50)} / ${fmt(r.sql.p99)} | ${ratio(r.http.p50, me.p50)} |`,
    ),
    `| baseline: GET /api/me (agent) | | ${fmt(me.p50)} / ${fmt(me.p99)} / ${fmt(me.max)} | | |`,
    '',
    `Machine ${busy} % busy while timing (everything on it). Run took ${total.toFixed(0)} s on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}.`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `<details><summary>EXPLAIN (ANALYZE, BUFFERS): ${r.name}</summary>`,
      '',
      '```sql',
      r.statement.text.replace(/\s+/g, ' ').replace(/ (FROM|WHERE|ORDER BY|LIMIT) /g, '\n$1 '),
      `-- parameters: ${r.statement.params.map((p, i) => `$${i + 1} = ${p}`).join(', ')}`,
      '```',
      '',
      '```',
      ...r.sql.plan,
      '```',
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

#!/usr/bin/env node
// SLA report benchmark: how long GET /api/reports/sla's statement takes over a year of 1,000,000 SLA outcomes of one
// workspace, per range (1 day, 1 month, 1 year) and groupBy; beside, in the same run, a bare count(*) of the same
// rows through the same index (the machine's floor for touching them at all). See BENCHMARKS.md.
//
//   node bench/sla-report.mjs
//
// No build and no desk: the migrations and the report's SQL (libs/sla/src/reports/sla-report.sql.ts, the text the
// service runs) are compiled from the TypeScript sources with @swc/core (a dev dependency) and run through pg.
//
// Environment (all optional):
//   DATABASE_URL     superuser URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                    a fresh bench_sla_report_<random> database is created there, and dropped at the end
//   BENCH_KEEP_DB    1: do not drop it (its name is printed), to run again on it with BENCH_DB
//   BENCH_DB         an existing database (on the same server) seeded by an earlier run with BENCH_KEEP_DB=1: no seeding
//   BENCH_OUTCOMES   outcomes to seed (default 1000000)      BENCH_RUNS   timed runs per case (default 10)
//   BENCH_OUT        the markdown file to write (default bench/results/sla-report.md)
//   BENCH_JSON_OUT   write the summary bench/run-all.mjs collects to this file
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { envInt as int, ratio, withClient, writeSummary } from './bench-support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = process.env;
const ADMIN_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const OUTCOMES = int('BENCH_OUTCOMES', 1_000_000);
const RUNS = int('BENCH_RUNS', 10);
const OUT = env.BENCH_OUT || join(root, 'bench/results/sla-report.md');
const TZ = 'Europe/Rome';
const YEAR_START = '2025-01-01'; // outcomes start on local dates 2025-01-01 .. 2025-12-31
const GROUPS = ['role', 'agent', 'channel', 'day', 'hour'];
// Local date ranges [from, to): a weekday, a month, the whole year.
const RANGES = [
  { name: '1 day', from: '2025-06-11', to: '2025-06-12' },
  { name: '1 month', from: '2025-06-01', to: '2025-07-01' },
  { name: '1 year', from: '2025-01-01', to: '2026-01-01' },
];
const T0 = performance.now();
const log = (...args) => console.error(`[bench ${((performance.now() - T0) / 1000).toFixed(1)}s]`, ...args);

// ---------------------------------------------------------------- TypeScript sources, compiled on the fly

/** Compiles the given .ts files (paths from the repository root) into CommonJS in a temporary directory, keeping their relative layout. */
function compile(files) {
  const swc = require('@swc/core');
  const dir = mkdtempSync(join(tmpdir(), 'bench-sla-report-'));
  for (const file of files) {
    const { code } = swc.transformSync(readFileSync(join(root, file), 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const out = join(dir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  return dir;
}

// ---------------------------------------------------------------- database

/** Every migration, in order, in one transaction (as the desk runs them), through a QueryRunner-shaped shim. */
async function migrate(client, compiled) {
  const { MIGRATIONS } = require(join(compiled, 'libs/db/src/migrations/index.js'));
  const runner = { query: async (text, params) => (await client.query(text, params)).rows };
  await client.query('BEGIN');
  for (const Migration of MIGRATIONS) await new Migration().up(runner);
  await client.query('COMMIT');
  return MIGRATIONS.length;
}

/**
 * One workspace in Europe/Rome with 6 channels, 5 roles and 20 agents, and a year of outcomes made with
 * generate_series: conversations whose first customer message falls mostly in office hours and on weekdays, each with a
 * first response; 60 % with a next response and 90 % with a resolution (so 2.5 outcomes per conversation). 85 % of
 * first responses are met; a breached one has no seconds yet in 1 of 8 cases (still running); 4 % of conversations
 * have no role, 6 % no agent. Seeded PRNG (setseed), so each run builds the same rows.
 */
async function seed(client) {
  const conversations = Math.round(OUTCOMES / 2.5);
  const [{ id: ws }] = (await client.query(`INSERT INTO workspaces (name, timezone) VALUES ('Bench', $1) RETURNING id`, [TZ])).rows;
  // A second tenant with a tenth of the rows, interleaved in the same table and index, so the scan must skip it.
  const [{ id: other }] = (await client.query(`INSERT INTO workspaces (name, timezone) VALUES ('Other', 'UTC') RETURNING id`)).rows;
  const types = ['facebook', 'instagram', 'whatsapp', 'x', 'email', 'api'];
  await client.query(
    `INSERT INTO channels (workspace_id, type, name, secrets)
     SELECT w, t, initcap(t) || ' channel', '' FROM unnest($1::text[]) t, unnest(ARRAY[$2::uuid, $3::uuid]) w`,
    [types, ws, other],
  );
  await client.query(`INSERT INTO roles (workspace_id, name) SELECT $1, 'Role ' || g FROM generate_series(1, 5) g`, [ws]);
  await client.query(
    `INSERT INTO users (email, name, password_hash) SELECT 'agent' || g || '@bench.example', 'Agent ' || g, 'x' FROM generate_series(1, 20) g`,
  );
  await client.query(`INSERT INTO memberships (workspace_id, user_id, access) SELECT $1, id, 'agent' FROM users`, [ws]);
  for (const [workspace, count] of [
    [ws, conversations],
    [other, Math.round(conversations / 10)],
  ]) {
    log(`seeding ${count} conversations and their outcomes for workspace ${workspace === ws ? 'Bench' : 'Other'}`);
    await client.query('BEGIN');
    await client.query(`SELECT setseed(${workspace === ws ? 0.42 : 0.17})`);
    // One row per conversation with every draw it needs. started: a day of the year, then an hour drawn towards
    // 08:00-20:00 local, and half the weekend moved back to Friday.
    await client.query(
      `CREATE TEMP TABLE bench_rows ON COMMIT DROP AS
       WITH base AS (
         SELECT g, $2::date + floor(random() * 365)::int AS day,
                CASE WHEN random() < 0.85 THEN 8 + random() * 12 ELSE random() * 24 END AS hour,
                random() AS weekend, random() AS c, random() AS r, random() AS a, random() AS share,
                ARRAY[random(), random(), random()] AS met, ARRAY[random(), random(), random()] AS secs, ARRAY[random(), random(), random()] AS open
         FROM generate_series(1, $1::int) g
       ), lists AS (
         SELECT (SELECT array_agg(id ORDER BY id) FROM channels WHERE workspace_id = $4) AS channels,
                (SELECT array_agg(id ORDER BY id) FROM roles WHERE workspace_id = $4) AS roles,
                (SELECT array_agg(id ORDER BY id) FROM users) AS agents
       )
       SELECT g, gen_random_uuid() AS conversation_id,
              ((CASE WHEN extract(isodow FROM day) > 5 AND weekend < 0.5 THEN day - (extract(isodow FROM day)::int - 5) ELSE day END)
                + hour * interval '1 hour') AT TIME ZONE $3 AS started,
              channels[1 + floor(c * 6)::int] AS channel_id,
              CASE WHEN r < 0.04 THEN NULL ELSE roles[1 + floor(r * 1000)::int % 5] END AS role_id,
              CASE WHEN a < 0.06 THEN NULL ELSE agents[1 + floor(a * 1000)::int % 20] END AS agent_id,
              share, met, secs, open
       FROM base, lists`,
      [count, YEAR_START, TZ, workspace],
    );
    await client.query(
      `INSERT INTO conversations (id, workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, created_at)
       SELECT conversation_id, $1, channel_id, 'api', 'message', 'b' || g, 'b' || g, started, started FROM bench_rows`,
      [workspace],
    );
    // Business seconds: met ones spread up to the target (1 h first, 2 h next, 24 h resolution), breached ones up to
    // 6 times past it; 1 in 8 breaches still running (no seconds). Next responses start 2 h after the conversation.
    for (const [k, target, share, targetSeconds, offset] of [
      [1, 'first_response', 1, 3600, '0'],
      [2, 'next_response', 0.6, 7200, '2 hours'],
      [3, 'resolution', 0.9, 86400, '0'],
    ]) {
      await client.query(
        `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, channel_id, role_id, agent_id, started_at, due_at,
                                   target_seconds, met, business_seconds)
         SELECT $1, conversation_id, 1, $6, $2, channel_id, role_id, agent_id, started + $5::interval, started + $5::interval + $3 * interval '1 second',
                $3, met[$7] < 0.85,
                CASE WHEN met[$7] < 0.85 THEN (10 + secs[$7] * ($3 - 10))::int
                     WHEN open[$7] < 0.125 THEN NULL
                     ELSE ($3 + secs[$7] * $3 * 5)::int END
         FROM bench_rows WHERE share < $4::float8`,
        [workspace, target, targetSeconds, share, offset, target === 'next_response' ? 1 : 0, k],
      );
    }
    await client.query('COMMIT');
  }
  log('VACUUM ANALYZE (the index-only scan needs the visibility map)');
  await client.query('VACUUM ANALYZE sla_outcomes');
  await client.query('VACUUM ANALYZE conversations');
  return ws;
}

// ---------------------------------------------------------------- measuring

const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const ms = (v) => (v < 10 ? v.toFixed(1) : Math.round(v).toString());

/** p50 and max of RUNS runs after a warm-up; `asService`: inside the read-only, JIT-off transaction SlaReportService opens (timed whole). */
async function time(client, text, params, asService = false) {
  const once = async () => {
    if (!asService) return client.query(text, params);
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL jit = off');
    const res = await client.query(text, params);
    await client.query('COMMIT');
    return res;
  };
  await once(); // warm-up, not counted
  const runs = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const res = await once();
    runs.push(performance.now() - t);
    rows = res.rows.length;
  }
  runs.sort((a, b) => a - b);
  return { p50: percentile(runs, 0.5), max: runs[runs.length - 1], rows };
}

async function main() {
  const compiled = compile([
    'libs/sla/src/reports/sla-report.sql.ts',
    'libs/sla/src/reports/local-offsets.ts',
    'libs/sla/src/calendar/zone-offsets.ts',
    ...readdirSync(join(root, 'libs/db/src/migrations')).filter((f) => f.endsWith('.ts')).map((f) => `libs/db/src/migrations/${f}`),
  ]);
  const { slaReportSql } = require(join(compiled, 'libs/sla/src/reports/sla-report.sql.js'));
  const { offsetSegments } = require(join(compiled, 'libs/sla/src/reports/local-offsets.js'));
  /** The statement and parameters exactly as SlaReportRepository.rows builds them. */
  const statement = (ws, groupBy, period, from, to) => [slaReportSql(groupBy, period, offsetSegments(TZ, from, to)), [ws, from, to, '0.9']];
  const dbName = env.BENCH_DB || `bench_sla_report_${randomBytes(4).toString('hex')}`;
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const fresh = !env.BENCH_DB;
  if (fresh) await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  log(`database ${dbName}${fresh ? ' created' : ' reused'}`);
  const client = new pg.Client({ connectionString: dbUrl.toString() });
  await client.connect();
  try {
    let ws;
    if (fresh) {
      log(`${await migrate(client, compiled)} migrations applied`);
      const t = performance.now();
      ws = await seed(client);
      log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else {
      ws = (await client.query(`SELECT id FROM workspaces WHERE name = 'Bench'`)).rows[0].id;
    }
    const [{ total, mine, size }] = (
      await client.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE workspace_id = $1)::int AS mine,
                pg_size_pretty(pg_relation_size('sla_outcomes_report_idx')) AS size FROM sla_outcomes`,
        [ws],
      )
    ).rows;
    const settings = (await client.query(`SELECT version() AS version, current_setting('work_mem') AS work_mem, current_setting('shared_buffers') AS shared_buffers, current_setting('jit') AS jit`)).rows[0];
    log(`${mine} outcomes in the bench workspace (${total} in all); report index ${size}`);

    const results = [];
    for (const range of RANGES) {
      const { from, to } = await bounds(client, range);
      const floor = await time(client, `SELECT count(*) FROM sla_outcomes WHERE workspace_id = $1 AND started_at >= $2 AND started_at < $3`, [ws, from, to]);
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM sla_outcomes WHERE workspace_id = $1 AND started_at >= $2 AND started_at < $3`, [ws, from, to])).rows;
      log(`${range.name}: ${n} outcomes, count(*) p50 ${ms(floor.p50)} ms`);
      const row = { range, n, floor, groups: {} };
      for (const groupBy of GROUPS) {
        row.groups[groupBy] = await time(client, ...statement(ws, groupBy, 'day', from, to), true);
        log(`  ${groupBy}: p50 ${ms(row.groups[groupBy].p50)} ms, max ${ms(row.groups[groupBy].max)} ms (${row.groups[groupBy].rows} rows)`);
      }
      results.push(row);
    }
    const year = await bounds(client, RANGES[2]);
    const week = await time(client, ...statement(ws, 'role', 'week', year.from, year.to), true);
    // The same year by day with the server's JIT settings, as the statement would run without SET LOCAL jit = off.
    const jit = await time(client, ...statement(ws, 'day', 'day', year.from, year.to), false);
    const month = await bounds(client, RANGES[1]);
    const [text, params] = statement(ws, 'role', 'day', month.from, month.to);
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL jit = off');
    const explain = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN']);
    await client.query('COMMIT');

    const report = render({ results, week, jit, explain, total, mine, size, settings });
    console.log(report);
    writeSummary({
      title: `SLA report over ${mine.toLocaleString('en')} outcomes (\`bench/sla-report.mjs\`)`,
      seconds: (performance.now() - T0) / 1000,
      // The slowest grouping of each range, beside the bare count(*) of the same rows.
      rows: results.map((r) => {
        const [g, worst] = Object.entries(r.groups).reduce((a, b) => (b[1].p50 > a[1].p50 ? b : a));
        return {
          measure: `SLA report, ${r.range.name} (${r.n.toLocaleString('en')} outcomes), slowest grouping (${g}), p50 / max ms`,
          desk: `${ms(worst.p50)} / ${ms(worst.max)}`,
          baseline: `${ms(r.floor.p50)} / ${ms(r.floor.max)} (count(*) of the same rows)`,
          ratio: ratio(worst.p50, r.floor.p50),
        };
      }),
      markdown: report,
    });
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${report}\n`);
    log(`written to ${OUT}`);
  } finally {
    await client.end();
    rmSync(compiled, { recursive: true, force: true });
    if (fresh && env.BENCH_KEEP_DB !== '1') {
      await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
      log(`database ${dbName} dropped`);
    } else log(`database ${dbName} kept (BENCH_DB=${dbName} to reuse)`);
  }
}

/** A local-date range's instants, read by PostgreSQL (Rome's rules are the same in both). */
async function bounds(client, range) {
  const [{ from, to }] = (await client.query(`SELECT ($1::timestamp AT TIME ZONE $3) AS from, ($2::timestamp AT TIME ZONE $3) AS to`, [range.from, range.to, TZ])).rows;
  return { from, to };
}

function render({ results, week, jit, explain, total, mine, size, settings }) {
  const lines = [
    '# SLA report benchmark (`bench/sla-report.mjs`)',
    '',
    `- ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}`,
    `- ${settings.version.split(' on ')[0]}, work_mem ${settings.work_mem}, shared_buffers ${settings.shared_buffers}`,
    `- ${mine.toLocaleString('en')} outcomes of one workspace over 2025 (${total.toLocaleString('en')} in the table with a second tenant); report index ${size}`,
    `- the report's own statement (slaReportSql, consistency per day) inside the read-only, JIT-off transaction SlaReportService opens (timed whole), ${RUNS} timed runs after one warm-up per case; floor: \`SELECT count(*)\` of the same rows (same WHERE)`,
    '',
    `| range | outcomes | floor count(*) p50 / max ms | ${GROUPS.map((g) => `${g} p50 / max ms`).join(' | ')} |`,
    `|---|---:|---:|${GROUPS.map(() => '---:').join('|')}|`,
  ];
  for (const r of results) {
    lines.push(
      `| ${r.range.name} (${r.range.from} to ${r.range.to}) | ${r.n.toLocaleString('en')} | ${ms(r.floor.p50)} / ${ms(r.floor.max)} | ` +
        `${GROUPS.map((g) => `${ms(r.groups[g].p50)} / ${ms(r.groups[g].max)}`).join(' | ')} |`,
    );
  }
  lines.push(
    '',
    `1 year by role with consistency per ISO week: p50 ${ms(week.p50)} ms, max ${ms(week.max)} ms.`,
    `1 year by day with the server's JIT settings (jit ${settings.jit}; the service turns it off): p50 ${ms(jit.p50)} ms, max ${ms(jit.max)} ms.`,
    `Machine load average (1/5/15 min) at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    '',
  );
  lines.push('EXPLAIN (ANALYZE, BUFFERS) of the 1-month report by role:', '', '```', ...explain, '```');
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

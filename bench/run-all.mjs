#!/usr/bin/env node
// `npm run bench`: every benchmark of BENCHMARKS.md in one run, each beside the machine's own baseline measured in the
// same run, one after the other (they would disturb each other). Each script runs as a child process with the short
// settings below and hands back its summary (BENCH_JSON_OUT); this prints the table and rewrites the generated
// section of BENCHMARKS.md, between the bench:summary markers. About 12 minutes on a 2-core machine.
//
// Environment (all optional):
//   DATABASE_URL   superuser URL of the PostgreSQL server the benches create their databases on (passed through)
//   BENCH_ONLY     comma-separated names of the benches to run (default: all; names in BENCHES below)
//   BENCH_WRITE    0: print only, leave BENCHMARKS.md alone (default 1; always 0 when BENCH_ONLY is set)
//   BENCH_TIMEOUT_SECONDS  a bench still running after this long is stopped and reported as failed (default 420)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { envInt, withClient } from './bench-support.mjs';
import { ADMIN_URL, now, root } from './desk-process.mjs';
import { machineTicks } from './machine-load.mjs';
import { renderSection, replaceSection } from './summary-section.mjs';

/** The benches, in the order they run, with the settings that fit the whole run in about 12 minutes. */
const BENCHES = [
  { name: 'ingest', script: 'ingest-throughput.mjs', env: { BENCH_CONCURRENCY: '8,32', BENCH_SECONDS: '10', BENCH_BURST: '1500', BENCH_PGBENCH_SECONDS: '20' } },
  { name: 'live', script: 'live-latency.mjs', env: { BENCH_RATES: '200', BENCH_SECONDS: '12', BENCH_DRAIN_SECONDS: '10', BENCH_CLIENTS: '500' } },
  { name: 'inbox-list', script: 'inbox-list.mjs', env: { BENCH_CONVERSATIONS: '1000000', BENCH_REQUESTS: '60', BENCH_MESSAGES: '0' } },
  { name: 'sla-timers', script: 'sla-timers.mjs', env: { BENCH_CONVERSATIONS: '100000', BENCH_FROM_SECONDS: '60', BENCH_TO_SECONDS: '210', BENCH_DRAIN_SECONDS: '180' } },
  { name: 'sla-report', script: 'sla-report.mjs', env: { BENCH_OUTCOMES: '1000000', BENCH_RUNS: '3' } },
  { name: 'memory', script: 'memory.mjs', env: { BENCH_USERS: '20', BENCH_CLIENTS: '1000' } },
];

const env = process.env;
const ONLY = env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : null;
const WRITE = !ONLY && env.BENCH_WRITE !== '0';
const TIMEOUT_S = envInt('BENCH_TIMEOUT_SECONDS', 420);
const T0 = now();
const log = (...args) => console.error(`[bench ${((now() - T0) / 1000).toFixed(0)}s]`, ...args);
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }).trim();

/** Runs one bench script; its output goes to our stderr; resolves with its summary or a failure. */
function run(bench, dir) {
  const out = join(dir, `${bench.name}.json`);
  const childEnv = { ...env, ...bench.env, BENCH_JSON_OUT: out, BENCH_OUT: join(dir, `${bench.name}.md`), BENCH_SKIP_BUILD: '1' };
  const ticks = machineTicks();
  const t = now();
  // Its own process group, so that a bench stopped for taking too long takes its desk and clients with it.
  const child = spawn(process.execPath, [join(root, 'bench', bench.script)], { env: childEnv, cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (d) => {
    output += d;
    process.stderr.write(d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const timer = setTimeout(() => {
    log(`${bench.name}: still running after ${TIMEOUT_S} s, stopped`);
    process.kill(-child.pid, 'SIGKILL');
  }, TIMEOUT_S * 1000);
  return new Promise((resolve) => {
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      const m = machineTicks();
      const result = {
        ...bench,
        code: code ?? signal,
        wall: (now() - t) / 1000,
        busy: Math.round(((m.busy - ticks.busy) / (m.total - ticks.total)) * 100),
        load: loadavg()[1].toFixed(1), // runnable threads over the last 5 minutes, on cpus().length cores
      };
      try {
        if (code !== 0) throw new Error(`exited with ${code ?? signal}`);
        result.summary = JSON.parse(readFileSync(out, 'utf8'));
      } catch (err) {
        result.error = `${err.message}; last output:\n${output.split('\n').slice(-15).join('\n')}`;
        // A bench stopped early leaves its databases: drop the ones it named.
        for (const name of new Set(output.match(/\bbench_[a-z_]+_[0-9a-f]{8}\b/g) ?? [])) {
          await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => undefined);
        }
      }
      resolve(result);
    });
  });
}

async function main() {
  const benches = BENCHES.filter((b) => !ONLY || ONLY.includes(b.name));
  if (benches.length === 0) throw new Error(`BENCH_ONLY names none of ${BENCHES.map((b) => b.name).join(', ')}`);
  const ticks = machineTicks();
  const tBuild = now();
  execFileSync(process.execPath, [join(root, 'scripts/build-if-missing.js')], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  const buildSeconds = (now() - tBuild) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  const results = [];
  try {
    for (const bench of benches) {
      log(`${bench.name}: node bench/${bench.script} ${Object.entries(bench.env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      const r = await run(bench, dir);
      log(`${bench.name}: ${r.error ? `FAILED (${r.error.split('\n')[0]})` : 'done'} in ${r.wall.toFixed(0)} s, machine ${r.busy} % busy`);
      results.push(r);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = machineTicks();
  const pg = await withClient(ADMIN_URL, (c) => c.query(`SELECT split_part(version(), ' on ', 1) AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`)).then((r) => r.rows[0]);
  let commit = 'unknown';
  try {
    commit = `${sh('git', ['rev-parse', '--short', 'HEAD'])}${sh('git', ['status', '--porcelain', '--untracked-files=no']) ? ' with uncommitted changes' : ''}`;
  } catch {
    /* not a git checkout */
  }
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${pg.v} (shared_buffers ${pg.sb}, work_mem ${pg.wm})`,
    seconds: (now() - T0) / 1000,
    buildSeconds,
    busy: Math.round(((m.busy - ticks.busy) / (m.total - ticks.total)) * 100),
    load: loadavg().map((l) => l.toFixed(1)).join(' / '),
  };
  const section = renderSection(meta, results);
  console.log(section);
  if (WRITE) {
    const path = join(root, 'BENCHMARKS.md');
    writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), section));
    log(`BENCHMARKS.md: generated section rewritten`);
  }
  log(`all done in ${meta.seconds.toFixed(0)} s`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

#!/usr/bin/env node
// Drills: faults under load, then a count that proves nothing acknowledged was lost or duplicated. See the
// README's "Drills" chapter.
//
//   npm run drill                 the full form (about 10 minutes)
//   npm run drill -- --short      the CI form (DRILL_SHORT=1 does the same; about 3 minutes)
//   npm run drill -- --only storm,platform    some drills only (kill, postgres, storm, platform)
//
// Everything runs on a throwaway PostgreSQL cluster of the drill's own (the embedded binaries from npm, in a
// temporary directory) against the built desk (dist/, `npm run build` and the simulator build first). Exits 1 when
// any drill lost or duplicated anything, or could not finish.
import { startCluster } from './cluster.mjs';
import { killDrill } from './kill-drill.mjs';
import { platformDrill } from './platform-drill.mjs';
import { postgresDrill } from './postgres-drill.mjs';
import { stormDrill } from './storm-drill.mjs';
import { LOG_ROOT, log } from './support.mjs';

const DRILLS = { kill: killDrill, postgres: postgresDrill, storm: stormDrill, platform: platformDrill };
const args = process.argv.slice(2);
const short = args.includes('--short') || process.env.DRILL_SHORT === '1';
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : Object.keys(DRILLS);
for (const name of only) if (!DRILLS[name]) throw new Error(`unknown drill ${name} (known: ${Object.keys(DRILLS).join(', ')})`);

const started = Date.now();
const cluster = await startCluster(log);
const results = [];
let failed = false;
try {
  for (const name of only) {
    log(`== drill ${name}${short ? ' (short)' : ''}`);
    const t = Date.now();
    try {
      const r = await DRILLS[name](cluster, { short });
      r.seconds = Math.round((Date.now() - t) / 1000);
      results.push(r);
      const problems = r.problems ?? [];
      for (const [proc, line] of problems.slice(0, 5)) log(`  ${proc} logged: ${line.slice(0, 300)}`);
      if (problems.length > 5) log(`  ... ${problems.length} lines at level error or above in all`);
    } catch (err) {
      log(`drill ${name} could not finish: ${err.stack ?? err}`);
      results.push({ drill: name, notes: [`could not finish: ${err.message.split('\n')[0]}`], error: true });
    }
  }
} finally {
  await cluster.destroy();
}

const cell = (v) => (v === undefined ? '–' : String(v));
const rows = results.map((r) => [
  r.drill,
  cell(r.acknowledged),
  cell(r.stored),
  cell(r.lost),
  cell(r.duplicated),
  cell(r.replies?.queued),
  cell(r.replies?.delivered),
  cell(r.replies?.lost),
  cell(r.replies?.duplicated),
  [`${r.seconds ?? '?'} s`, ...(r.notes ?? [])].join('; '),
]);
const head = ['drill', 'acknowledged', 'stored', 'lost', 'duplicated', 'replies queued', 'delivered', 'lost', 'duplicated', 'notes'];
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
for (const r of results) {
  if (r.error || r.lost || r.duplicated || r.replies?.lost || r.replies?.duplicated || r.failedCheck) failed = true;
}
console.log(`\nthe desk processes' output: ${LOG_ROOT}`);
console.log(`${short ? 'short' : 'full'} drills: ${failed ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failed ? 1 : 0);

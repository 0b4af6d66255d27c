// What every benchmark script needs besides its own measurement: settings from the environment and a database client.
import { writeFileSync } from 'node:fs';
import pg from 'pg';

/** An integer setting from the environment (at least `min`), or `fallback` when unset; a bad value stops the run. */
export function envInt(name, fallback, min = 1) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return n;
}

/** Runs `fn` with a connected client of `url`, closed afterwards whatever happens. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * What bench/run-all.mjs collects from each script it runs: when BENCH_JSON_OUT is set, `summary` is written there as
 * JSON: {title, seconds, rows: [{measure, desk, baseline, ratio}], markdown}, the rows as display strings.
 */
export function writeSummary(summary) {
  const out = process.env.BENCH_JSON_OUT;
  if (out) writeFileSync(out, JSON.stringify(summary, null, 2));
}

/** A ratio for the summary table, `×1.2`, or `n/a` when either side is not a finite positive number. */
export function ratio(desk, baseline, digits = 1) {
  const r = desk / baseline;
  return Number.isFinite(r) && r > 0 ? `×${r.toFixed(r >= 100 ? 0 : digits)}` : 'n/a';
}

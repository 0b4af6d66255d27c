// What every benchmark script needs besides its own measurement: settings from the environment and a database client.
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

// A throwaway PostgreSQL server of the drills' own (never the machine's shared server, which other runs use): the
// desk's embedded manager (binaries from npm, pg_ctl, as the postgres user under root) in a temporary directory, on
// a fixed port, so that it can be stopped and started again under load and the desk finds it where it was.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../desk-process.mjs';
import { ROOT } from './support.mjs';

const require = createRequire(import.meta.url);

export async function startCluster(log) {
  const { EmbeddedPostgres } = require(join(ROOT, 'dist/apps/api/libs/db/src/embedded/embedded-postgres.js'));
  const root = mkdtempSync(join(tmpdir(), 'desk-drill-pg-'));
  chmodSync(root, 0o755);
  const server = new EmbeddedPostgres({ dir: join(root, 'data'), password: randomBytes(12).toString('hex'), database: 'postgres', port: await freePort() });
  await server.start();
  const cluster = {
    url: (db = 'postgres') => server.url(db),
    start: () => server.start(),
    /** Fast shutdown: every session is ended (57P01), open transactions roll back, committed data stays. */
    stop: () => server.stop(),
    async destroy() {
      await server.stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  log(`throwaway PostgreSQL at ${cluster.url().replace(/:[^:@/]+@/, ':***@')} in ${root}`);
  return cluster;
}

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../libs/db/src/embedded/embedded-postgres';
import { TEST_ADMIN_URL_ENV, TEST_DB_PREFIX_ENV } from '../../libs/db/src/testing/test-database';

declare global {
  // Handed from global setup to global teardown (same process).
  var __DESK_TEST_PG__: { server?: EmbeddedPostgres; dir?: string; adminUrl: string; prefix: string } | undefined;
}

/**
 * One PostgreSQL server for the whole run: the one DATABASE_URL points at, or an embedded one in a temporary
 * directory. Each test file then creates its own fresh database on it (createTestDatabase), named with this run's
 * prefix so that teardown drops every one of them.
 */
export default async function globalSetup(): Promise<void> {
  const prefix = `desk_test_${randomBytes(3).toString('hex')}`;
  process.env[TEST_DB_PREFIX_ENV] = prefix;
  process.env.NODE_ENV = 'test';
  if (process.env.DATABASE_URL) {
    process.env[TEST_ADMIN_URL_ENV] = process.env.DATABASE_URL;
    globalThis.__DESK_TEST_PG__ = { adminUrl: process.env.DATABASE_URL, prefix };
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'desk-test-pg-'));
  chmodSync(dir, 0o755); // the server runs as the postgres user when the tests run as root
  const server = new EmbeddedPostgres({ dir: join(dir, 'pg'), password: randomBytes(12).toString('hex'), database: 'postgres' });
  await server.start();
  const adminUrl = server.url('postgres');
  process.env[TEST_ADMIN_URL_ENV] = adminUrl;
  globalThis.__DESK_TEST_PG__ = { server, dir, adminUrl, prefix };
}

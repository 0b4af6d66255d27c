import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the Jest global setup: a superuser URL of the server the test run uses (embedded or DATABASE_URL's). */
export const TEST_ADMIN_URL_ENV = 'DESK_TEST_ADMIN_URL';
export const TEST_DB_PREFIX_ENV = 'DESK_TEST_DB_PREFIX';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so each test file owns its data and files can run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  if (!adminUrl) throw new Error(`${TEST_ADMIN_URL_ENV} is not set: run the tests through jest (global setup)`);
  const name = `${process.env[TEST_DB_PREFIX_ENV] ?? 'desk_test'}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops every database whose name starts with prefix (the leftovers of a run). */
export async function dropTestDatabases(adminUrl: string, prefix: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/db/src/data-source.options';
import { guardPoolErrors } from '../../libs/db/src/pool-error-guard';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';

interface PgClient {
  query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
  release(err?: Error): void;
  listenerCount(event: string): number;
}

/** A connection whose session the server ends while nobody is querying on it must not become an unhandled 'error'. */
describe('guardPoolErrors', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const warnings: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    guardPoolErrors(ds, (m) => warnings.push(m));
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('catches the error of a checked-out connection terminated by the server, and the pool carries on', async () => {
    const pool = (ds.driver as unknown as { master: { connect(): Promise<PgClient> } }).master;
    // Checked out outside any query runner: neither the pool nor TypeORM listens to it now.
    const client = await pool.connect();
    expect(client.listenerCount('error')).toBe(1);
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    const deadline = Date.now() + 5_000;
    while (warnings.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(warnings[0]).toMatch(/a database connection failed: terminating connection due to administrator command/);
    client.release(new Error('terminated'));
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

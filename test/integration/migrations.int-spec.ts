import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS_TABLE } from '../../libs/db/src/data-source.options';
import { runMigrations } from '../../libs/db/src/migrate';
import { MIGRATIONS } from '../../libs/db/src/migrations';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';

jest.setTimeout(60_000);

const NAMES = MIGRATIONS.map((M) => new M().name ?? M.name);

async function open(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url)).initialize();
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function recorded(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await ds.query(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`);
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  const databases: TestDatabase[] = [];
  const sources: DataSource[] = [];
  const fresh = async (): Promise<string> => {
    const db = await createTestDatabase();
    databases.push(db);
    return db.url;
  };
  const connect = async (url: string): Promise<DataSource> => {
    const ds = await open(url);
    sources.push(ds);
    return ds;
  };

  afterAll(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('applies every migration on an empty database, once', async () => {
    const ds = await connect(await fresh());
    expect(await tables(ds)).toEqual([]);
    expect(NAMES.length).toBeGreaterThan(0);

    expect(await runMigrations(ds)).toEqual(NAMES);
    expect(await recorded(ds)).toEqual(NAMES);
    expect(await tables(ds)).toEqual(expect.arrayContaining(['workspaces', 'users', 'memberships', 'login_throttle', MIGRATIONS_TABLE]));
    expect(await ds.showMigrations()).toBe(false);

    expect(await runMigrations(ds)).toEqual([]);
    expect(await recorded(ds)).toEqual(NAMES);
  });

  it('applies them once when two instances start together on one empty database', async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    const results = await Promise.all([runMigrations(a), runMigrations(b)]);
    expect(results.flat().sort()).toEqual([...NAMES].sort());
    expect(results.map((r) => r.length).sort()).toEqual([0, NAMES.length]);
    expect(await recorded(a)).toEqual(NAMES);
    // The advisory lock is released: a third run neither blocks nor applies anything.
    expect(await runMigrations(b)).toEqual([]);
  });

  it('undoes the last migration, and every migration down to an empty schema, then applies them again', async () => {
    const ds = await connect(await fresh());
    await runMigrations(ds);
    const before = await tables(ds);

    await ds.undoLastMigration({ transaction: 'all' });
    expect(await recorded(ds)).toEqual(NAMES.slice(0, -1));
    expect(await runMigrations(ds)).toEqual(NAMES.slice(-1));
    expect(await tables(ds)).toEqual(before);

    for (let i = 0; i < NAMES.length; i++) await ds.undoLastMigration({ transaction: 'all' });
    expect(await recorded(ds)).toEqual([]);
    expect(await tables(ds)).toEqual([MIGRATIONS_TABLE]);

    expect(await runMigrations(ds)).toEqual(NAMES);
    expect(await tables(ds)).toEqual(before);
  });
});

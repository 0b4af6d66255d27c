import { DataSource } from 'typeorm';

/** Any constant shared by every instance: the advisory lock that lets one of several starting desks migrate. */
const MIGRATION_LOCK = 734_221_901;

/** Runs pending migrations in one transaction, serialised across instances; returns the names it applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

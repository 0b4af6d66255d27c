import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a report's statement in a read-only transaction with JIT off: over a long range its cost estimate crosses
 * PostgreSQL's JIT thresholds, and compiling then costs more than it saves (a year of SLA outcomes by day: up to
 * 1.9 s of compiling in EXPLAIN; see the JIT line of bench/results/sla-report.md). A report never writes.
 */
export function readReport<T>(db: DataSource, read: (m: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (m) => {
    await m.query('SET TRANSACTION READ ONLY');
    await m.query('SET LOCAL jit = off');
    return read(m);
  });
}

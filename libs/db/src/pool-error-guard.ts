import type { DataSource } from 'typeorm';

interface GuardedClient {
  on(event: 'error', listener: (err: Error) => void): unknown;
  deskErrorGuard?: true;
}

interface PgPool {
  on(event: 'connect' | 'acquire', listener: (client: GuardedClient) => void): unknown;
}

/**
 * Gives every pooled connection a permanent 'error' listener. node-postgres emits 'error' on a client whose server
 * ends the session (57P01 on a restart, a dropped socket) outside a query; the pool listens only while a client is
 * idle and TypeORM only while a query runner holds it, so an error between the two would be an unhandled 'error'
 * event that kills the process. The query that meets the error still fails, and the pool still drops the client.
 */
export function guardPoolErrors(dataSource: DataSource, warn: (message: string) => void): void {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return;
  const guard = (client: GuardedClient) => {
    if (client.deskErrorGuard) return;
    client.deskErrorGuard = true;
    client.on('error', (err) => warn(`a database connection failed: ${err.message}`));
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}

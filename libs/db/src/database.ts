import { join, resolve } from 'node:path';
import { EmbeddedPostgres } from './embedded/embedded-postgres';

export interface Database {
  url: string;
  embedded: boolean;
  /** Stops the embedded server when this process started it; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded PostgreSQL kept in DATA_DIR/postgres. Same code path after. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  postgresPassword: string;
  log?: (line: string) => void;
}): Promise<Database> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  const server = new EmbeddedPostgres({
    dir: join(resolve(options.dataDir), 'postgres'),
    password: options.postgresPassword,
    database: 'desk',
    log: options.log,
  });
  const url = await server.start();
  return { url, embedded: true, stop: () => server.stop() };
}

import { loadOrCreateSecrets, parseConfig, ResolvedConfig, resolveSecrets, secretsNeeded } from '@app/common';
import { Database, openDatabase } from './database';

/** What every process (API or worker) needs before Nest starts: validated config, its secrets, an open database. */
export async function prepareRuntime(env: Record<string, string | undefined>): Promise<{ config: ResolvedConfig; database: Database }> {
  const parsed = parseConfig(env);
  const generated = loadOrCreateSecrets(parsed.dataDir, secretsNeeded(parsed));
  const config = resolveSecrets(parsed, generated);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    postgresPassword: generated.postgresPassword ?? '',
    log: (msg) => {
      if (config.logLevel !== 'silent') process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), context: 'Database', msg })}\n`);
    },
  });
  return { config, database };
}

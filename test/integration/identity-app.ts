import type { DynamicModule, LoggerService, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, CommonModule, loadOrCreateSecrets, parseConfig, ResolvedConfig, resolveSecrets } from '@app/common';
import { DbModule, MigrationRunner } from '@app/db';
import { IdentityModule } from '@app/identity';

/** Nest's own log lines are noise in test output; errors still show. */
const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) };

export interface IdentityApp {
  module: TestingModule;
  config: ResolvedConfig;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * CommonModule, DbModule and IdentityModule on a real database, configured as the desk is (parseConfig, then the
 * secrets generated into a temporary DATA_DIR), and migrated. Lifecycle hooks beyond migrating are not run, so a
 * test calls what it means to test itself.
 */
export async function startIdentityApp(
  databaseUrl: string,
  options: { env?: Record<string, string>; clock?: Clock; providers?: Type<unknown>[]; imports?: Array<Type<unknown> | DynamicModule> } = {},
): Promise<IdentityApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-int-data-'));
  const parsed = parseConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...options.env });
  const config = resolveSecrets(parsed, loadOrCreateSecrets(dataDir));
  let builder = Test.createTestingModule({
    imports: [CommonModule.forRoot(config), DbModule.forRoot(databaseUrl), IdentityModule, ...(options.imports ?? [])],
    providers: options.providers ?? [],
  }).setLogger(quiet);
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const module = await builder.compile();
  await module.get(MigrationRunner).onModuleInit();
  return {
    module,
    config,
    get: (type) => module.get(type),
    close: async () => {
      await module.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { rmSync } from 'node:fs';
import { dropTestDatabases } from '../../libs/db/src/testing/test-database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__DESK_TEST_PG__;
  if (!state) return;
  await dropTestDatabases(state.adminUrl, state.prefix).catch(() => undefined);
  if (state.server) await state.server.stop();
  if (state.dir) rmSync(state.dir, { recursive: true, force: true });
}

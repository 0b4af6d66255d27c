import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PEOPLE } from '../cli/demo-task-force';
import type { DeskClient } from '../desk/desk-client';

/**
 * Where the demo people's password is kept (0600) in DATA_DIR. The desk listens on every interface, so a password
 * printed in the README would let anyone in as the demo's lead or supervisor: each data directory gets its own.
 */
export const DEMO_PASSWORD_FILE = 'demo-password';

export const demoPasswordFile = (dataDir: string): string => join(dataDir, DEMO_PASSWORD_FILE);

/** The password kept in DATA_DIR, if an earlier start wrote one. */
export function storedDemoPassword(dataDir: string): string | undefined {
  const file = demoPasswordFile(dataDir);
  const password = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  return password === '' ? undefined : password;
}

/**
 * The demo people's password: the one kept in DATA_DIR, else a new random one (as random as the admin's generated
 * password). Demo people who exist without a kept password (a data directory from before the passwords were
 * generated, or a setup stopped halfway) get the new one through the admin's API before it is written down, so the
 * file never names a password nobody has; the people still to be created get it from the caller.
 */
export async function ensureDemoPassword(
  desk: DeskClient,
  options: { dataDir: string; admin: boolean; log: (line: string) => void },
): Promise<string> {
  const stored = storedDemoPassword(options.dataDir);
  if (stored !== undefined) return stored;
  if (!options.admin) throw new Error(`the demo people's password is not in ${demoPasswordFile(options.dataDir)} and only the admin can set a new one`);
  const password = randomBytes(12).toString('base64url');
  const users = (await desk.api<{ items: Array<{ id: string; email: string }> }>('GET', '/api/users')).items;
  const existing = users.filter((u) => DEMO_PEOPLE.some((p) => p.email === u.email.toLowerCase()));
  for (const user of existing) await desk.api('PATCH', `/api/users/${user.id}`, { password });
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(demoPasswordFile(options.dataDir), password, { mode: 0o600 });
  if (existing.length > 0) options.log(`The demo people's password was replaced by a random one, kept in ${demoPasswordFile(options.dataDir)}.`);
  return password;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/common/config/app-config';
import { DEFAULT_ADMIN as GENERATED_ADMIN, PASSWORD_FILE as GENERATED_PASSWORD_FILE } from '@app/identity/bootstrap/initial-admin';
import { DEMO_PEOPLE } from '../cli/demo-task-force';
import { DeskClient, DeskError } from '../desk/desk-client';

export interface Credentials {
  email: string;
  password: string;
}

/** The admin's sign-in: BOOTSTRAP_ADMIN_*, else the generated password the desk printed, while it still is the one. */
export function adminCredentials(config: Pick<AppConfig, 'bootstrapAdminEmail' | 'bootstrapAdminPassword' | 'dataDir'>): Credentials | undefined {
  if (config.bootstrapAdminEmail !== undefined && config.bootstrapAdminPassword !== undefined) {
    return { email: config.bootstrapAdminEmail, password: config.bootstrapAdminPassword };
  }
  const file = join(config.dataDir, GENERATED_PASSWORD_FILE);
  return existsSync(file) ? { email: GENERATED_ADMIN, password: readFileSync(file, 'utf8').trim() } : undefined;
}

/** The demo's lead, who keeps a workspace running without the admin and answers its first customers. */
export const demoLead = DEMO_PEOPLE.find((p) => p.access === 'lead')!;

/**
 * Signs in as the admin, who sets the demo up. Once the admin's password has been changed the demo cannot know it;
 * the demo's own lead (with the demo people's password kept in DATA_DIR, if there is one) then suffices to keep an
 * existing demo workspace running (listing channels, sending traffic).
 */
export async function signInForDemo(deskUrl: string, admin: Credentials | undefined, leadPassword: string | undefined): Promise<{ desk: DeskClient; admin: boolean }> {
  for (const [credentials, isAdmin] of [
    [admin, true],
    [leadPassword === undefined ? undefined : { email: demoLead.email, password: leadPassword }, false],
  ] as const) {
    if (!credentials) continue;
    try {
      return { desk: await DeskClient.signIn(deskUrl, credentials.email, credentials.password), admin: isAdmin };
    } catch (err) {
      if (!(err instanceof DeskError) || err.status !== 401) throw err;
    }
  }
  throw new Error(
    "cannot sign in as the admin to set the demo workspace up: its generated password was changed. Start with BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD on a new DATA_DIR, or turn the demo off with DEMO=false",
  );
}

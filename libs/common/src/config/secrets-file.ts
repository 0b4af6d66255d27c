import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ResolvedConfig } from './app-config';

export interface GeneratedSecrets {
  jwtSecret: string;
  secretsKey: string;
  postgresPassword: string;
}

const FILE = 'secrets.json';
const GENERATORS: Record<keyof GeneratedSecrets, () => string> = {
  jwtSecret: () => randomBytes(48).toString('base64url'),
  secretsKey: () => randomBytes(32).toString('hex'),
  postgresPassword: () => randomBytes(24).toString('base64url'),
};

/** The secrets this configuration does not get from the environment, and so must keep in DATA_DIR. */
export function secretsNeeded(config: AppConfig): Array<keyof GeneratedSecrets> {
  const needed: Array<keyof GeneratedSecrets> = [];
  if (config.jwtSecret === undefined) needed.push('jwtSecret');
  if (config.secretsKey === undefined) needed.push('secretsKey');
  if (config.databaseUrl === undefined) needed.push('postgresPassword');
  return needed;
}

/**
 * Secrets not given in the environment are generated once and kept in DATA_DIR (mode 0600), so tokens and
 * encrypted credentials survive restarts; parseConfig has already refused this in production. Nothing is written
 * when nothing is needed. Two instances starting together on an empty DATA_DIR agree: the file is created with
 * link(2), which only one of them can win; the other reads the winner's.
 */
export function loadOrCreateSecrets(
  dataDir: string,
  needed: Array<keyof GeneratedSecrets> = ['jwtSecret', 'secretsKey', 'postgresPassword'],
): Partial<GeneratedSecrets> {
  const path = join(dataDir, FILE);
  const read = (): Partial<GeneratedSecrets> => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
  const existing = read();
  const missing = needed.filter((key) => existing[key] === undefined);
  if (missing.length === 0) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secrets = { ...existing, ...Object.fromEntries(missing.map((key) => [key, GENERATORS[key]()])) };
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  try {
    if (existsSync(path)) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return read();
}

export function resolveSecrets(config: AppConfig, generated: Partial<GeneratedSecrets>): ResolvedConfig {
  const jwtSecret = config.jwtSecret ?? generated.jwtSecret;
  const secretsKey = config.secretsKey ?? generated.secretsKey;
  if (!jwtSecret || !secretsKey) throw new Error('JWT_SECRET and SECRETS_KEY were neither given nor generated');
  return { ...config, jwtSecret, secretsKey };
}

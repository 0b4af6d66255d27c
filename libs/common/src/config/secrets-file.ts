import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ResolvedConfig } from './app-config';

export interface GeneratedSecrets {
  jwtSecret: string;
  secretsKey: string;
  postgresPassword: string;
}

const FILE = 'secrets.json';

/**
 * Secrets not given in the environment are generated once and kept in DATA_DIR (mode 0600), so tokens and
 * encrypted credentials survive restarts. parseConfig has already refused this in production.
 */
export function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  const existing: Partial<GeneratedSecrets> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const secrets: GeneratedSecrets = {
    jwtSecret: existing.jwtSecret ?? randomBytes(48).toString('base64url'),
    secretsKey: existing.secretsKey ?? randomBytes(32).toString('hex'),
    postgresPassword: existing.postgresPassword ?? randomBytes(24).toString('base64url'),
  };
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) {
    writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return secrets;
}

export function resolveSecrets(config: AppConfig, generated: GeneratedSecrets): ResolvedConfig {
  return {
    ...config,
    jwtSecret: config.jwtSecret ?? generated.jwtSecret,
    secretsKey: config.secretsKey ?? generated.secretsKey,
  };
}

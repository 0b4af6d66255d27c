import { isIP } from 'node:net';
import { AppConfig, LogLevel, NodeEnv } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const NODE_ENVS: NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Pure: reads an environment map, returns the typed config or throws one ConfigError naming every bad variable. */
export function parseConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = value(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (/^\d+$/.test(v) && n >= min && n <= max) return n;
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    try {
      const parsed = new URL(v);
      if (protocols.includes(parsed.protocol)) return v;
    } catch {
      /* reported below */
    }
    problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return undefined;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = value(name);
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(v.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${v}")`);
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const port = int('PORT', 3000, 0, 65535);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;

  const jwtSecret = value('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const secretsKey = value('SECRETS_KEY');
  if (secretsKey !== undefined && !isKey(secretsKey)) {
    problems.push('SECRETS_KEY must be 32 bytes written as 64 hex digits or as base64');
  }
  if (nodeEnv === 'production') {
    if (jwtSecret === undefined) problems.push('JWT_SECRET is required when NODE_ENV=production');
    if (secretsKey === undefined) problems.push('SECRETS_KEY is required when NODE_ENV=production');
  }

  const bootstrapAdminEmail = value('BOOTSTRAP_ADMIN_EMAIL');
  // Passwords are taken as given: leading or trailing spaces may be part of one.
  const bootstrapAdminPassword = value('BOOTSTRAP_ADMIN_PASSWORD') === undefined ? undefined : env.BOOTSTRAP_ADMIN_PASSWORD;
  if (bootstrapAdminEmail !== undefined && !EMAIL.test(bootstrapAdminEmail)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL must be an e-mail address');
  }
  if ((bootstrapAdminEmail === undefined) !== (bootstrapAdminPassword === undefined)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (bootstrapAdminPassword !== undefined && bootstrapAdminPassword.length < 8) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters');
  }

  // The demo workspace beside `npm start` is on by default only where it cannot hurt: a local desk on the embedded
  // database. It creates people with known passwords, so production refuses it.
  const demo = bool('DEMO', value('DATABASE_URL') === undefined && nodeEnv !== 'production');
  if (demo && nodeEnv === 'production') problems.push('DEMO cannot be on when NODE_ENV=production: the demo workspace has people with known passwords');

  const config: AppConfig = {
    nodeEnv,
    port,
    databaseUrl,
    dataDir: value('DATA_DIR') ?? './data',
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    secretsKey,
    bootstrapAdminEmail: bootstrapAdminEmail?.toLowerCase(),
    bootstrapAdminPassword,
    redisUrl,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    runWorkers: bool('RUN_WORKERS', true),
    retryBaseMs: int('RETRY_BASE_MS', 2000, 10, 3_600_000),
    retryMaxAttempts: int('RETRY_MAX_ATTEMPTS', 8, 1, 100),
    workerPollMs: int('WORKER_POLL_MS', 1000, 10, 60_000),
    processorConcurrency: int('PROCESSOR_CONCURRENCY', 4, 1, 32),
    presenceGraceMs: int('PRESENCE_GRACE_MS', 10_000, 0, 3_600_000),
    assigneeOfflineGraceMs: int('ASSIGNEE_OFFLINE_GRACE_MS', 600_000, 0, 7 * 24 * 3_600_000),
    eventRetentionHours: int('EVENT_RETENTION_HOURS', 72, 24, 24 * 365),
    socketMaxQueuedPackets: int('SOCKET_MAX_QUEUED_PACKETS', 5_000, 10, 1_000_000),
    webhookMaxAgeSeconds: int('WEBHOOK_MAX_AGE_SECONDS', 15 * 60, 0, 7 * 24 * 3600),
    trustProxy: trustProxy(value('TRUST_PROXY'), problems),
    webDir: value('WEB_DIR'),
    demo,
    demoRatePerMinute: int('DEMO_RATE', 8, 0, 600),
    demoPlatformPort: int('DEMO_PLATFORM_PORT', 4010, 0, 65535),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** What Express's trust proxy takes in a list: a named range, or an address with an optional prefix length. */
function isProxy(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function trustProxy(v: string | undefined, problems: string[]): false | number | string[] {
  if (v === undefined || ['false', 'no', '0'].includes(v.toLowerCase())) return false;
  if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
  const list = v.split(',').map((item) => item.trim());
  if (list.every(isProxy)) return list;
  problems.push(`TRUST_PROXY must be false, a hop count from 1 to 10, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (got "${v}")`);
  return false;
}

function isKey(v: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(v)) return true;
  return /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32;
}

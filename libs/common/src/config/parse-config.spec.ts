import { ConfigError, parseConfig } from './parse-config';

const HEX_KEY = 'ab'.repeat(32);
const BASE64_KEY = Buffer.alloc(32, 7).toString('base64');
const JWT = 'j'.repeat(32);

/** The ConfigError parseConfig throws for env (fails the test when it does not throw). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

function expectRejected(env: Record<string, string | undefined>, variable: string): void {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain(variable);
}

describe('parseConfig', () => {
  it('has the documented defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      jwtSecret: undefined,
      jwtTtlSeconds: 12 * 3600,
      secretsKey: undefined,
      bootstrapAdminEmail: undefined,
      bootstrapAdminPassword: undefined,
      redisUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      runWorkers: true,
      retryBaseMs: 2000,
      retryMaxAttempts: 8,
      workerPollMs: 1000,
      processorConcurrency: 4,
      presenceGraceMs: 10_000,
      assigneeOfflineGraceMs: 600_000,
      eventRetentionHours: 72,
      socketMaxQueuedPackets: 5_000,
      webhookMaxAgeSeconds: 900,
      trustProxy: false,
      webDir: undefined,
      demo: true,
      demoRatePerMinute: 8,
      demoPlatformPort: 4010,
    });
  });

  it('turns the demo on by default only on the embedded database outside production, and lets DEMO decide', () => {
    expect(parseConfig({ NODE_ENV: 'test' }).demo).toBe(true);
    expect(parseConfig({ DATABASE_URL: 'postgres://localhost/desk' }).demo).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: JWT, SECRETS_KEY: HEX_KEY }).demo).toBe(false);
    expect(parseConfig({ DEMO: 'false' }).demo).toBe(false);
    expect(parseConfig({ DEMO: 'true', DATABASE_URL: 'postgres://localhost/desk' }).demo).toBe(true);
    expect(parseConfig({ DEMO_RATE: '0', DEMO_PLATFORM_PORT: '0' })).toMatchObject({ demoRatePerMinute: 0, demoPlatformPort: 0 });
    expectRejected({ DEMO: 'maybe' }, 'DEMO');
    expectRejected({ DEMO_RATE: '601' }, 'DEMO_RATE');
    expectRejected({ DEMO_PLATFORM_PORT: '70000' }, 'DEMO_PLATFORM_PORT');
    expectRejected({ NODE_ENV: 'production', JWT_SECRET: JWT, SECRETS_KEY: HEX_KEY, DEMO: 'true' }, 'DEMO cannot be on when NODE_ENV=production');
  });

  it('reads TRUST_PROXY as off, a hop count, or a list of addresses and ranges', () => {
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.168.1.7' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.7']);
  });

  it.each(['true', '11', 'proxy.example.com', '10.0.0.0/8,', '300.1.1.1', '10.0.0.0/40', ':', 'fd00::/129'])('rejects TRUST_PROXY=%s', (v) => {
    expectRejected({ TRUST_PROXY: v }, 'TRUST_PROXY');
  });

  it('treats blank values as unset and trims the others', () => {
    const config = parseConfig({ PORT: '  ', DATA_DIR: ' /var/desk ', LOG_LEVEL: '' });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/var/desk');
    expect(config.logLevel).toBe('info');
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash from a given one', () => {
    expect(parseConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(parseConfig({ PUBLIC_URL: 'https://desk.example.com/' }).publicUrl).toBe('https://desk.example.com');
  });

  it('is silent by default under NODE_ENV=test', () => {
    expect(parseConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('accepts every valid value', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: 'postgresql://u:p@db:5432/desk',
      REDIS_URL: 'rediss://cache:6380',
      PUBLIC_URL: 'http://10.0.0.1:3000',
      LOG_LEVEL: 'warn',
      JWT_SECRET: JWT,
      SECRETS_KEY: BASE64_KEY,
      BOOTSTRAP_ADMIN_EMAIL: 'Boss@Example.COM',
      BOOTSTRAP_ADMIN_PASSWORD: 'long enough',
      JWT_TTL_SECONDS: '3600',
      RUN_WORKERS: 'no',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 0,
      databaseUrl: 'postgresql://u:p@db:5432/desk',
      redisUrl: 'rediss://cache:6380',
      publicUrl: 'http://10.0.0.1:3000',
      logLevel: 'warn',
      jwtSecret: JWT,
      secretsKey: BASE64_KEY,
      bootstrapAdminEmail: 'boss@example.com',
      bootstrapAdminPassword: 'long enough',
      jwtTtlSeconds: 3600,
      runWorkers: false,
    });
    expect(parseConfig({ SECRETS_KEY: HEX_KEY, DATABASE_URL: 'postgres://localhost/desk' }).secretsKey).toBe(HEX_KEY);
  });

  it('reads the presence grace and the event retention, which cannot go under the promised 24 hours', () => {
    expect(parseConfig({ PRESENCE_GRACE_MS: '250', EVENT_RETENTION_HOURS: '24' })).toMatchObject({ presenceGraceMs: 250, eventRetentionHours: 24 });
    expect(() => parseConfig({ EVENT_RETENTION_HOURS: '23' })).toThrow(/EVENT_RETENTION_HOURS/);
  });

  it('reads ASSIGNEE_OFFLINE_GRACE_MS: 10 minutes by default, small values for tests, at most a week', () => {
    expect(parseConfig({ ASSIGNEE_OFFLINE_GRACE_MS: '500' }).assigneeOfflineGraceMs).toBe(500);
    expect(parseConfig({ ASSIGNEE_OFFLINE_GRACE_MS: '0' }).assigneeOfflineGraceMs).toBe(0);
    expect(parseConfig({ ASSIGNEE_OFFLINE_GRACE_MS: '604800000' }).assigneeOfflineGraceMs).toBe(604_800_000);
    for (const bad of ['-1', '1.5', 'soon', '604800001']) expectRejected({ ASSIGNEE_OFFLINE_GRACE_MS: bad }, 'ASSIGNEE_OFFLINE_GRACE_MS');
  });

  it('reads the retry and worker timings', () => {
    expect(parseConfig({ RETRY_BASE_MS: '50', RETRY_MAX_ATTEMPTS: '3', WORKER_POLL_MS: '100' })).toMatchObject({
      retryBaseMs: 50,
      retryMaxAttempts: 3,
      workerPollMs: 100,
    });
    expectRejected({ RETRY_MAX_ATTEMPTS: '0' }, 'RETRY_MAX_ATTEMPTS');
    expectRejected({ RETRY_BASE_MS: 'soon' }, 'RETRY_BASE_MS');
  });

  it('reads WEBHOOK_MAX_AGE_SECONDS: 15 minutes by default, 0 turns the check off, at most a week', () => {
    expect(parseConfig({}).webhookMaxAgeSeconds).toBe(900);
    expect(parseConfig({ WEBHOOK_MAX_AGE_SECONDS: '0' }).webhookMaxAgeSeconds).toBe(0);
    expect(parseConfig({ WEBHOOK_MAX_AGE_SECONDS: ' 300 ' }).webhookMaxAgeSeconds).toBe(300);
    expect(parseConfig({ WEBHOOK_MAX_AGE_SECONDS: '604800' }).webhookMaxAgeSeconds).toBe(604800);
    for (const bad of ['-1', '1.5', 'soon', '604801']) expectRejected({ WEBHOOK_MAX_AGE_SECONDS: bad }, 'WEBHOOK_MAX_AGE_SECONDS');
  });

  it.each(['abc', '-1', '65536', '3000.5', '1e3', '0x50'])('rejects PORT=%s', (port) => {
    expectRejected({ PORT: port }, 'PORT');
  });

  it.each(['mysql://localhost/desk', 'localhost:5432', 'http://db/desk', 'not a url'])('rejects DATABASE_URL=%s', (url) => {
    expectRejected({ DATABASE_URL: url }, 'DATABASE_URL');
  });

  it.each(['http://cache:6379', 'cache:6379'])('rejects REDIS_URL=%s', (url) => {
    expectRejected({ REDIS_URL: url }, 'REDIS_URL');
  });

  it.each(['ftp://desk.example.com', 'desk.example.com'])('rejects PUBLIC_URL=%s', (url) => {
    expectRejected({ PUBLIC_URL: url }, 'PUBLIC_URL');
  });

  it.each(['verbose', 'INFO'])('rejects LOG_LEVEL=%s', (level) => {
    expectRejected({ LOG_LEVEL: level }, 'LOG_LEVEL');
  });

  it('rejects an unknown NODE_ENV, a JWT_TTL_SECONDS out of range and a RUN_WORKERS that is not a boolean', () => {
    expectRejected({ NODE_ENV: 'staging' }, 'NODE_ENV');
    expectRejected({ JWT_TTL_SECONDS: '59' }, 'JWT_TTL_SECONDS');
    expectRejected({ RUN_WORKERS: 'maybe' }, 'RUN_WORKERS');
  });

  it('rejects a JWT_SECRET shorter than 32 characters', () => {
    expectRejected({ JWT_SECRET: 'j'.repeat(31) }, 'JWT_SECRET');
    expect(parseConfig({ JWT_SECRET: JWT }).jwtSecret).toBe(JWT);
  });

  it.each([
    ['63 hex digits', 'a'.repeat(63)],
    ['hex with a non-hex digit', `${'a'.repeat(63)}g`],
    ['base64 of 31 bytes', Buffer.alloc(31).toString('base64')],
    ['base64 of 33 bytes', Buffer.alloc(33).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
  ])('rejects a SECRETS_KEY that is %s', (_, key) => {
    expectRejected({ SECRETS_KEY: key }, 'SECRETS_KEY');
  });

  it('keeps BOOTSTRAP_ADMIN_PASSWORD exactly as given, spaces included', () => {
    expect(parseConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.c', BOOTSTRAP_ADMIN_PASSWORD: ' spaced pass ' }).bootstrapAdminPassword).toBe(' spaced pass ');
  });

  it('requires BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD together', () => {
    for (const env of [{ BOOTSTRAP_ADMIN_EMAIL: 'a@b.c' }, { BOOTSTRAP_ADMIN_PASSWORD: 'long enough' }]) {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('BOOTSTRAP_ADMIN_EMAIL');
      expect(problems[0]).toContain('BOOTSTRAP_ADMIN_PASSWORD');
    }
  });

  it('rejects a BOOTSTRAP_ADMIN_EMAIL that is no address and a BOOTSTRAP_ADMIN_PASSWORD under 8 characters', () => {
    expectRejected({ BOOTSTRAP_ADMIN_EMAIL: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'long enough' }, 'BOOTSTRAP_ADMIN_EMAIL');
    expectRejected({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.c', BOOTSTRAP_ADMIN_PASSWORD: 'short' }, 'BOOTSTRAP_ADMIN_PASSWORD');
  });

  it('requires JWT_SECRET and SECRETS_KEY in production, and only there', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.includes('JWT_SECRET'))).toBe(true);
    expect(problems.some((p) => p.includes('SECRETS_KEY'))).toBe(true);
    expectRejected({ NODE_ENV: 'production', JWT_SECRET: JWT }, 'SECRETS_KEY');
    expectRejected({ NODE_ENV: 'production', SECRETS_KEY: HEX_KEY }, 'JWT_SECRET');
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: JWT, SECRETS_KEY: HEX_KEY }).nodeEnv).toBe('production');
    expect(() => parseConfig({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('names every bad variable in one ConfigError', () => {
    const bad = {
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/desk',
      REDIS_URL: 'http://cache',
      PUBLIC_URL: 'ftp://desk',
      LOG_LEVEL: 'loud',
      JWT_SECRET: 'short',
      SECRETS_KEY: 'nope',
      JWT_TTL_SECONDS: '1',
      RUN_WORKERS: 'perhaps',
      BOOTSTRAP_ADMIN_EMAIL: 'nobody',
    };
    let error: unknown;
    try {
      parseConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    for (const name of Object.keys(bad)) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
      expect(message).toContain(name);
    }
    expect(problems.some((p) => p.includes('BOOTSTRAP_ADMIN_PASSWORD'))).toBe(true);
  });
});

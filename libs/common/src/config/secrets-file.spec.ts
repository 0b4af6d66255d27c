import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from './parse-config';
import { loadOrCreateSecrets, resolveSecrets, secretsNeeded } from './secrets-file';

describe('secrets file', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'desk-secrets-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('generates the secrets once, into a missing DATA_DIR, readable by the owner only', () => {
    const dataDir = join(root, 'nested', 'data');
    const first = loadOrCreateSecrets(dataDir);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(loadOrCreateSecrets(dataDir)).toEqual(first);
    expect(new Set([first.jwtSecret, first.secretsKey, first.postgresPassword]).size).toBe(3);
  });

  it('generates secrets that parseConfig itself would accept', () => {
    const { jwtSecret, secretsKey } = loadOrCreateSecrets(root);
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET: jwtSecret, SECRETS_KEY: secretsKey })).not.toThrow();
  });

  it('differs between two data directories', () => {
    expect(loadOrCreateSecrets(join(root, 'a')).jwtSecret).not.toBe(loadOrCreateSecrets(join(root, 'b')).jwtSecret);
  });

  it('keeps the secrets already in the file and adds only the missing ones', () => {
    writeFileSync(join(root, 'secrets.json'), JSON.stringify({ jwtSecret: 'kept-jwt-secret' }));
    const secrets = loadOrCreateSecrets(root);
    expect(secrets.jwtSecret).toBe('kept-jwt-secret');
    expect(secrets.secretsKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(join(root, 'secrets.json'), 'utf8'))).toEqual(secrets);
    expect(statSync(join(root, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('lets the environment win over generated secrets', () => {
    const generated = loadOrCreateSecrets(root);
    const fromEnv = resolveSecrets(parseConfig({ JWT_SECRET: 'e'.repeat(40), SECRETS_KEY: 'cd'.repeat(32) }), generated);
    expect(fromEnv.jwtSecret).toBe('e'.repeat(40));
    expect(fromEnv.secretsKey).toBe('cd'.repeat(32));

    const generatedOnly = resolveSecrets(parseConfig({ PORT: '4000' }), generated);
    expect(generatedOnly.jwtSecret).toBe(generated.jwtSecret);
    expect(generatedOnly.secretsKey).toBe(generated.secretsKey);
    expect(generatedOnly.port).toBe(4000);

    const mixed = resolveSecrets(parseConfig({ SECRETS_KEY: 'cd'.repeat(32) }), generated);
    expect(mixed.jwtSecret).toBe(generated.jwtSecret);
    expect(mixed.secretsKey).toBe('cd'.repeat(32));
  });

  it('writes nothing when the environment gives every secret and a database', () => {
    const config = parseConfig({ JWT_SECRET: 'j'.repeat(40), SECRETS_KEY: 'ab'.repeat(32), DATABASE_URL: 'postgres://x@h/db', DATA_DIR: join(root, 'unused') });
    expect(secretsNeeded(config)).toEqual([]);
    expect(loadOrCreateSecrets(config.dataDir, secretsNeeded(config))).toEqual({});
    expect(existsSync(config.dataDir)).toBe(false);
  });

  it('needs only the embedded database password when both secrets come from the environment', () => {
    const config = parseConfig({ JWT_SECRET: 'j'.repeat(40), SECRETS_KEY: 'ab'.repeat(32) });
    expect(secretsNeeded(config)).toEqual(['postgresPassword']);
    expect(Object.keys(loadOrCreateSecrets(root, secretsNeeded(config)))).toEqual(['postgresPassword']);
  });
});

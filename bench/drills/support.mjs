// What every drill needs: the built desk as real processes, its API over HTTP, a database per drill, the simulator.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withClient } from '../bench-support.mjs';
import { freePort, request } from '../desk-process.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
const SIMULATOR = join(ROOT, 'dist/apps/simulator');
const require = createRequire(import.meta.url);

/** Where each desk process's whole output is kept (printed at the end of a run). */
export const LOG_ROOT = process.env.DRILL_LOG_DIR || join(tmpdir(), `desk-drill-logs-${Date.now()}`);

/** `200 ×12, 503 DATABASE_UNAVAILABLE ×3` from a Map of counts. */
export const tally = (map) => [...map].map(([k, n]) => `${k} ×${n}`).join(', ');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const T0 = Date.now();
export const log = (...args) => console.error(`[drill ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...args);

/** The simulator's compiled modules: the fake platform, the traffic generators, the demo accounts and the adapters' signing. */
export const simulator = {
  fake: () => require(join(SIMULATOR, 'apps/simulator/src/fake-platform/index.js')),
  traffic: () => require(join(SIMULATOR, 'apps/simulator/src/traffic/traffic-mix.js')),
  accounts: () => require(join(SIMULATOR, 'apps/simulator/src/demo-accounts.js')),
  adapters: () => require(join(SIMULATOR, 'libs/channels/src/adapters/registry.js')),
};

/** A fresh database for one drill on the cluster. */
export async function createDatabase(cluster, name) {
  await withClient(cluster.url(), (c) => c.query(`CREATE DATABASE ${name}`));
  return cluster.url(name);
}

export const ADMIN = { email: 'drill-admin@drill.example', password: `drill-${randomBytes(8).toString('hex')}` };

/**
 * The built desk, as processes sharing one environment: API instances and worker processes, each started, killed
 * (SIGKILL, no goodbye) and started again on the same port and DATA_DIR. Every child is stopped by its pid at the end.
 */
export class Desk {
  constructor(databaseUrl, extraEnv = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-drill-'));
    chmodSync(dataDir, 0o755);
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|DRILL_|PORT$|LOG_LEVEL$|NODE_ENV$|RUN_WORKERS$)/.test(k)));
    this.env = {
      ...base,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Explicit, so that every process (and every restart) seals and opens channel secrets with the same key.
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('hex'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      ...extraEnv,
    };
    this.children = new Set();
    this.outputs = [];
    this.logDir = join(LOG_ROOT, `desk-${Date.now()}`);
    mkdirSync(this.logDir, { recursive: true });
  }

  async startApi(port, env = {}) {
    this.port = port ?? this.port ?? (await freePort());
    this.url = `http://127.0.0.1:${this.port}`;
    this.api = this.spawn(API_MAIN, { PORT: String(this.port), ...env }, 'api');
    await this.waitHealthy();
    return this.api;
  }

  startWorker(env = {}) {
    this.worker = this.spawn(WORKER_MAIN, { PORT: '0', ...env }, 'worker');
    return this.worker;
  }

  spawn(main, env, name) {
    const child = spawn(process.execPath, [main], { env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const file = join(this.logDir, `${name}-${this.outputs.length + 1}.log`);
    const record = { name, child, output: '', exited: null, file };
    record.exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
    const keep = (d) => {
      record.output = (record.output + d).slice(-20_000);
      appendFileSync(file, d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.children.add(record);
    this.outputs.push(record);
    void record.exited.then(() => this.children.delete(record));
    return record;
  }

  async waitHealthy(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.api.child.exitCode !== null) throw new Error(`the API exited early:\n${this.api.output}`);
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error(`the API was not healthy within ${timeoutMs} ms:\n${this.api.output}`);
  }

  async kill(record) {
    record.child.kill('SIGKILL');
    await record.exited;
  }

  /** Everything our children printed at level error or above (pino levels 50, 60) or outside JSON (a crash). */
  problems() {
    const read = (r) => (existsSync(r.file) ? readFileSync(r.file, 'utf8') : '');
    const lines = this.outputs.flatMap((r) => read(r).split('\n').filter(Boolean).map((line) => [r.name, line]));
    return lines.filter(([, line]) => {
      try {
        const entry = JSON.parse(line);
        // A request answered 503 (the database away) is logged by the request logger at error level: expected here.
        return entry.level >= 50 && entry.res?.statusCode !== 503;
      } catch {
        return /error|exception|unhandled|fatal/i.test(line);
      }
    });
  }

  async stop() {
    await Promise.all(
      [...this.children].map(async (r) => {
        r.child.kill('SIGTERM');
        const code = await Promise.race([r.exited, sleep(15_000).then(() => 'timeout')]);
        if (code === 'timeout') r.child.kill('SIGKILL');
      }),
    );
  }

  async signIn() {
    this.token = (await this.call('POST', '/api/auth/login', ADMIN)).body.accessToken;
    return this.token;
  }

  /** One API call as the signed-in admin: {status, body, headers}; throws only when the desk cannot be reached. */
  async call(method, path, body) {
    return request(this.url, path, { method, body, token: this.token, timeoutMs: 15_000 });
  }

  async must(method, path, body) {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }
}

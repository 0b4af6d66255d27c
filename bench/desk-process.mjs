// The built desk and the bench databases, as the benchmark scripts start and talk to them: a fresh database per run,
// the desk as `npm start` runs it (plus worker processes on request), its HTTP API, signed webhooks, and IPC peers.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withClient } from './bench-support.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const API_MAIN = join(root, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(root, 'dist/apps/worker/apps/worker/src/main.js');
export const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh database `bench_<name>_<random>` on ADMIN_URL's server: {name, url, drop()}. */
export async function createBenchDatabase(name) {
  const dbName = `bench_${name}_${randomBytes(4).toString('hex')}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  console.error(`[bench] database ${dbName} created`);
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
  return { name: dbName, url, drop: () => withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)) };
}

export function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** An IPC peer (a forked child) answering {id, ok, result|error} to each command. */
export function peer(child) {
  let next = 0;
  const pending = new Map();
  child.on('message', (m) => {
    if (m && typeof m.id === 'number' && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) resolve(m.result);
      else reject(new Error(m.error));
    }
  });
  child.on('exit', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`child ${child.pid} exited (${code})`));
    pending.clear();
  });
  return {
    child,
    ask: (cmd, body = {}) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...body });
      }),
  };
}

/** A JSON call of the desk's HTTP API; a status of 300 or more throws with the answer. */
/** One JSON call of the desk's API: {status, body (parsed when JSON), headers}; throws only when it cannot be reached. */
export async function request(url, path, { token, body, method = body ? 'POST' : 'GET', timeoutMs } = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** request() that must succeed: answers the body, throws with the status otherwise. */
export async function api(url, path, options = {}) {
  const res = await request(url, path, options);
  if (res.status >= 300) throw new Error(`${options.method ?? (options.body ? 'POST' : 'GET')} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

export function signedWebhook(url, channelId, secret, event) {
  const raw = JSON.stringify(event);
  return fetch(`${url}/webhooks/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` },
    body: raw,
  });
}

/** The processes a script started, so that its cleanup stops exactly those (by pid). */
export const started = [];

/** SIGKILL for every process of `started` still running: the last step of a script's cleanup. */
export function killStarted() {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** A child process of ours with its output kept (the last 256 kB), stopped with SIGTERM (SIGKILL after 15 s). */
export function runChild(args, childEnv) {
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  const keep = (d) => (output = (output + d).slice(-262_144));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
      if (code === 'timeout') child.kill('SIGKILL');
      return code;
    },
  };
}

/**
 * The built desk (`npm start`) on `dbUrl` with a bootstrap admin, plus `workers` worker processes
 * (`npm run start:worker`, the API then runs with RUN_WORKERS=false). Options: admin {email, password},
 * nodeArgs (extra node flags of the API), workerPollMs, env (extra variables of every process).
 */
export async function startDesk(dbUrl, { admin, workers = 0, workerPollMs = 50, nodeArgs = [], env: extra = {} }) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-desk-'));
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|BENCH_|PORT$|LOG_LEVEL$|NODE_ENV$|RUN_WORKERS$|WORKER_POLL_MS$)/.test(k)),
  );
  const shared = {
    ...base,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('hex'),
    // A worker in its own process is not woken by the API: it finds new webhooks by polling.
    ...(workers > 0 ? { WORKER_POLL_MS: String(workerPollMs) } : {}),
    ...extra,
  };
  const apiProc = runChild([...nodeArgs, API_MAIN], {
    ...shared,
    PORT: String(port),
    BOOTSTRAP_ADMIN_EMAIL: admin.email,
    BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    RUN_WORKERS: workers > 0 ? 'false' : 'true',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (apiProc.child.exitCode !== null) throw new Error(`the desk exited early:\n${apiProc.output()}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the desk is not healthy after 120 s:\n${apiProc.output()}`);
    await sleep(200);
  }
  const workerProcs = Array.from({ length: workers }, () => runChild([WORKER_MAIN], { ...shared, LOG_LEVEL: 'info' }));
  for (const w of workerProcs) {
    while (!w.output().includes('worker ready')) {
      if (w.child.exitCode !== null) throw new Error(`a worker exited early:\n${w.output()}`);
      if (Date.now() > deadline) throw new Error(`a worker is not ready after 120 s:\n${w.output()}`);
      await sleep(100);
    }
  }
  return {
    child: apiProc.child,
    pids: [apiProc.child.pid, ...workerProcs.map((w) => w.child.pid)],
    url,
    dbUrl,
    output: () => [apiProc, ...workerProcs].map((p) => p.output()).join('\n'),
    stop: async () => {
      const codes = await Promise.all([...workerProcs, apiProc].map((p) => p.stop()));
      rmSync(dataDir, { recursive: true, force: true });
      return codes.join(', ');
    },
  };
}

/**
 * Creates users through the API and signs each in, `concurrency` at a time (each costs an argon2 hash and a
 * verification, the slow part of a bench's setup): [{id, token}] in the order of `specs` ({email, name, password, access}).
 */
export async function createUsers(url, adminToken, specs, concurrency = 4) {
  const users = new Array(specs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < specs.length) {
        const k = next++;
        const { id } = await api(url, '/api/users', { token: adminToken, body: specs[k] });
        users[k] = { id, token: (await api(url, '/api/auth/login', { body: { email: specs[k].email, password: specs[k].password } })).accessToken };
      }
    }),
  );
  return users;
}

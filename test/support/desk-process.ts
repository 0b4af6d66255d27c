import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API_MAIN = join(__dirname, '../../dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(__dirname, '../../dist/apps/worker/apps/worker/src/main.js');

export interface DeskProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** A data directory the postgres system user can reach (the embedded server runs as that user under root). */
export function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-proc-'));
  chmodSync(dir, 0o755);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs the built desk as `npm start` would, as a real child process, with exactly this environment. */
export function spawnDesk(env: Record<string, string>, port: number, main = API_MAIN): DeskProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|DESK_TEST_|JEST_|NODE_ENV)/.test(k)));
  const child = spawn(process.execPath, [main], { env: { ...base, PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

export async function waitForHealth(desk: DeskProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (desk.child.exitCode !== null) throw new Error(`desk exited early:\n${desk.output()}`);
    try {
      const res = await fetch(`${desk.url}/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`desk not healthy after ${timeoutMs} ms:\n${desk.output()}`);
}

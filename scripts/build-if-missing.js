#!/usr/bin/env node
// `npm start` builds only when the build is missing or older than a source file, so a fresh clone just works
// and a second start is instant.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const web = join(root, 'apps/web');
const targets = {
  api: join(root, 'dist/apps/api/apps/api/src/main.js'),
  worker: join(root, 'dist/apps/worker/apps/worker/src/main.js'),
  simulator: join(root, 'dist/apps/simulator/apps/simulator/src/main.js'),
};

function newestSource(dir, extensions, skip = []) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip.includes(path)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, extensions, skip));
    else if (extensions.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = (built, sources) => existsSync(built) && statSync(built).mtimeMs >= sources;

const sources = Math.max(newestSource(join(root, 'apps'), ['.ts'], [web]), newestSource(join(root, 'libs'), ['.ts']));
for (const [app, main] of Object.entries(targets)) {
  if (fresh(main, sources)) continue;
  console.log(`Building ${app}...`);
  execSync(`npx nest build ${app}`, { cwd: root, stdio: 'inherit' });
}
// The browser desk, served by the API at /.
// It also bundles two import-free modules of the server's: its lists of channel types and of live events.
const shared = ['libs/channels/src/types/channel-type.ts', 'libs/realtime/src/log/event-types.ts'].map((f) => statSync(join(root, f)).mtimeMs);
if (!fresh(join(root, 'dist/web/index.html'), Math.max(newestSource(web, ['.ts', '.tsx', '.css', '.html', '.mjs']), ...shared))) {
  console.log('Building web...');
  execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
}

#!/usr/bin/env node
// `npm start` builds only when the build is missing or older than a source file, so a fresh clone just works
// and a second start is instant.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const targets = {
  api: join(root, 'dist/apps/api/apps/api/src/main.js'),
  worker: join(root, 'dist/apps/worker/apps/worker/src/main.js'),
  simulator: join(root, 'dist/apps/simulator/apps/simulator/src/main.js'),
};

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')));
for (const [app, main] of Object.entries(targets)) {
  if (existsSync(main) && statSync(main).mtimeMs >= sources) continue;
  console.log(`Building ${app}...`);
  execSync(`npx nest build ${app}`, { cwd: root, stdio: 'inherit' });
}

#!/usr/bin/env node
// The browser tests drive Debian's Chromium (playwright's own browser download cannot reach its host from our
// machines). `npm test` installs it when it is missing, so the Quick start's test command works on a fresh machine.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${chromium} does not exist.`);
  process.exit(1);
}

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = root ? '' : canSudo() ? 'sudo -n ' : null;
if (sudo === null) {
  console.error('The browser tests need Chromium: install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH.');
  process.exit(1);
}
console.log('Installing Chromium for the browser tests (Debian packages chromium, fonts-noto-color-emoji)...');
const apt = `${sudo}env DEBIAN_FRONTEND=noninteractive apt-get`;
try {
  execSync(`${apt} install -y -q chromium fonts-noto-color-emoji`, { stdio: 'inherit' });
} catch {
  // A fresh machine may have no package lists yet.
  execSync(`${apt} update -q`, { stdio: 'inherit' });
  execSync(`${apt} install -y -q chromium fonts-noto-color-emoji`, { stdio: 'inherit' });
}

function canSudo() {
  try {
    execSync('sudo -n true', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

#!/usr/bin/env node
// `npm start`: the desk, and beside it the demo workspace when DEMO is on (by default on the embedded database
// outside production; README "Quick start"). Both run as children with this environment. Each gets a process
// group of its own, so a Ctrl-C reaches them once, from here: a second SIGINT would stop the desk before its
// embedded database. The desk's exit code is ours; the demo is a convenience and never stops the desk.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const API_MAIN = join(root, 'dist/apps/api/apps/api/src/main.js');
const SIMULATOR_MAIN = join(root, 'dist/apps/simulator/apps/simulator/src/main.js');
/** How long the demo may take to close its fake platform once the desk has stopped. */
const DEMO_STOP_MS = 5_000;

/** The desk's own reading of DEMO; a bad configuration starts no demo, and the desk itself says what is wrong. */
function demoIsOn() {
  const { parseConfig } = require(join(root, 'dist/apps/api/libs/common/src/config/parse-config.js'));
  try {
    return parseConfig(process.env).demo;
  } catch {
    return false;
  }
}

const exited = (child) => new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

// The IPC channels let the desk and the demo notice when this launcher is gone, however it went.
const desk = spawn(process.execPath, [API_MAIN], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
const deskExit = exited(desk);
const demo = demoIsOn()
  ? spawn(process.execPath, [SIMULATOR_MAIN, 'workspace'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true })
  : undefined;
const demoExit = demo ? exited(demo) : Promise.resolve(0);

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  demo?.kill('SIGTERM');
  desk.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

demoExit.then((code) => {
  if (code !== 0 && !stopping) console.error(`The demo workspace stopped (exit ${code}); the desk keeps running.`);
});

deskExit.then(async (code) => {
  stopping = true;
  if (demo && demo.exitCode === null && demo.signalCode === null) {
    demo.kill('SIGTERM');
    const timer = setTimeout(() => demo.kill('SIGKILL'), DEMO_STOP_MS);
    await demoExit;
    clearTimeout(timer);
  }
  process.exit(typeof code === 'number' ? code : 1);
});

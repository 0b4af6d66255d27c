import { ConfigError } from '../config/parse-config';

/** Longest a drain may take before the process gives up on stragglers. */
const DRAIN_TIMEOUT_MS = 25_000;

/**
 * Runs a process's start, then on SIGTERM or SIGINT drains through `close` and exits 0. A bad configuration
 * prints its message (no stack) and exits 1.
 */
export function runUntilSignal(start: () => Promise<{ close(): Promise<void> }>): void {
  // Started by a launcher over IPC (npm start's scripts/start.js): its end, however it went (a kill -9 too), stops us,
  // so no desk is left holding the port and the embedded database.
  let launcherGone = false;
  if (process.send) process.once('disconnect', () => (launcherGone = true));
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal}: draining` })}\n`);
        setTimeout(() => process.exit(1), DRAIN_TIMEOUT_MS).unref();
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error('Shutdown failed:', error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      if (launcherGone) stop('launcher gone');
      else if (process.send) process.once('disconnect', () => stop('launcher gone'));
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : `Could not start: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}

import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once the desk answers /health with 200 (or when stopped); gives up after timeoutMs. */
export async function waitForDesk(deskUrl: string, stop: AbortSignal, timeoutMs = 5 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stop.aborted) {
    try {
      const res = await fetch(`${deskUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      /* not listening yet: the embedded database and the migrations come first */
    }
    if (Date.now() > deadline) throw new Error(`the desk at ${deskUrl} did not answer /health within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(300, undefined, { signal: stop }).catch(() => undefined);
  }
}

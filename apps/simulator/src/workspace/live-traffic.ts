import type { ChannelType } from '@app/channels/types/channel-type';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeAnswer, signAndDeliver, type ChannelIds } from '../cli/deliver';
import type { DeskClient } from '../desk/desk-client';
import { createRng, type Rng } from '../traffic/random';
import { createTraffic, type GeneratorName } from '../traffic/traffic-mix';

/** A demo shows every platform, so the mix is spread more evenly than the load generator's. */
export const DEMO_TRAFFIC_WEIGHTS: Record<GeneratorName, number> = {
  api: 10,
  facebookComment: 16,
  messengerMessage: 12,
  instagramComment: 16,
  instagramDm: 10,
  whatsapp: 16,
  telegram: 10,
  x: 10,
  email: 6,
  linkedin: 6,
};

/** Failures are summed up at most this often, so a desk that is down does not flood the console. */
const FAILURE_REPORT_MS = 60_000;

/** The wait before the next event: from half to one and a half times the mean, so the inbox fills unevenly, as a real one does. */
export function nextGapMs(rng: Rng, perMinute: number): number {
  return (60_000 / perMinute) * (0.5 + rng.next());
}

/**
 * Customer events, one at a time at perMinute on average, until stop aborts. The seed differs per start so events
 * are new ones, not duplicates the desk would drop. Answers other than 2xx are reported, summed up.
 */
export async function keepTraffic(
  desk: DeskClient,
  channels: ChannelIds,
  baseUrls: Record<ChannelType, string>,
  options: { perMinute: number; seed: number; stop: AbortSignal },
  log: (line: string) => void,
): Promise<{ sent: number; failed: number }> {
  const { perMinute, seed, stop } = options;
  const result = { sent: 0, failed: 0 };
  if (perMinute <= 0) return result;
  const traffic = createTraffic({ seed, weights: DEMO_TRAFFIC_WEIGHTS });
  const gaps = createRng(seed ^ 0x5eed);
  let unreported = 0;
  let lastProblem = '';
  let lastReport = 0;
  while (!stop.aborted) {
    await sleep(nextGapMs(gaps, perMinute), undefined, { signal: stop }).catch(() => undefined);
    if (stop.aborted) break;
    const delivery = traffic.next();
    if (!channels[delivery.channelType]) continue;
    result.sent++;
    const problem = await signAndDeliver(desk, channels, baseUrls, delivery).then(
      (answer) => (answer.status < 300 ? undefined : describeAnswer(answer)),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (problem === undefined || stop.aborted) continue;
    result.failed++;
    unreported++;
    lastProblem = `${delivery.channelType}: ${problem}`;
    if (Date.now() - lastReport >= FAILURE_REPORT_MS) {
      log(`Demo traffic: ${unreported} event(s) not accepted (last ${lastProblem})`);
      lastReport = Date.now();
      unreported = 0;
    }
  }
  return result;
}

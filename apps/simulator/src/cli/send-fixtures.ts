import type { ChannelType } from '@app/channels/types/channel-type';
import type { DeskClient } from '../desk/desk-client';
import { fixtureDeliveries } from '../fixtures/fixture-deliveries';
import { requireFixturesDir } from '../fixtures/fixture-dir';
import { describeAnswer, signAndDeliver, type ChannelIds } from './deliver';

/** Posts every platform fixture, in delivery order, to its demo channel; returns how many the desk accepted. */
export async function sendFixtures(
  desk: DeskClient,
  channels: ChannelIds,
  baseUrls: Record<ChannelType, string>,
  log: (line: string) => void,
): Promise<{ sent: number; accepted: number }> {
  const fixtures = fixtureDeliveries(requireFixturesDir());
  let accepted = 0;
  for (const fixture of fixtures) {
    try {
      const answer = await signAndDeliver(desk, channels, baseUrls, fixture);
      if (answer.status < 300) accepted++;
      log(`  ${fixture.name.padEnd(50)} ${describeAnswer(answer)}`);
    } catch (err) {
      log(`  ${fixture.name.padEnd(50)} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { sent: fixtures.length, accepted };
}

import { baseUrlsFor } from '../fake-platform';
import { DeskClient } from '../desk/desk-client';
import { createDemoChannels } from './demo-channels';
import { requiredOption, urlOption } from './options';
import { sendFixtures } from './send-fixtures';

export const SEND_FIXTURES_USAGE = `send-fixtures --desk <url> --token <accessToken> [--fake-url http://127.0.0.1:4010]
    Creates one channel of each type (admin token needed) whose platform APIs point at --fake-url, then posts every
    fixture of test/fixtures/channels to its webhook, signed as the platform signs it.`;

export async function sendFixturesCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const desk = DeskClient.withToken(urlOption('desk', values.desk as string | undefined), requiredOption('token', values.token as string | undefined));
  const baseUrls = baseUrlsFor(urlOption('fake-url', values['fake-url'] as string | undefined, 'http://127.0.0.1:4010'));
  console.log(`Creating channels on ${desk.baseUrl}:`);
  const channels = await createDemoChannels(desk, baseUrls, console.log);
  console.log('Sending fixtures:');
  const { sent, accepted } = await sendFixtures(desk, channels, baseUrls, console.log);
  console.log(`${accepted}/${sent} fixture deliveries accepted.`);
}

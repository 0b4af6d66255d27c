import { DeskClient } from '../desk/desk-client';
import { startFakePlatform, type RecordedRequest } from '../fake-platform';
import { createDemoChannels } from './demo-channels';
import { createDemoTaskForce, DEMO_PASSWORD } from './demo-task-force';
import { numberOption, requiredOption, untilSignal, urlOption } from './options';
import { describeRequest } from './request-printer';
import { runTraffic } from './run-traffic';
import { sendFixtures } from './send-fixtures';

export const DEMO_USAGE = `demo --desk <url> --email <admin e-mail> --password <pw> [--fake-port 4010] [--rate 2] [--duration 60] [--seed 42]
    Starts the fake platform, signs in, creates one channel of each type pointed at it and a task force (a lead,
    three agents, three roles, a responsibility map, canned responses, a reply policy), sends every fixture, then
    generated comments and DMs at --rate per second for --duration seconds, and keeps the fake platform running
    (printing every reply the desk sends) until Ctrl-C.`;

/** Replies are POSTs; GETs are the YouTube poller and enrichment lookups. */
const isReply = (r: RecordedRequest): boolean => r.method !== 'GET';

export async function demoCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const deskUrl = urlOption('desk', values.desk as string | undefined);
  const email = requiredOption('email', values.email as string | undefined);
  const password = requiredOption('password', values.password as string | undefined);
  const port = numberOption('fake-port', values['fake-port'] as string | undefined, 4010, { integer: true });
  const rate = numberOption('rate', values.rate as string | undefined, 2, { min: 0.01 });
  const durationSeconds = numberOption('duration', values.duration as string | undefined, 60);
  const seed = numberOption('seed', values.seed as string | undefined, Date.now() % 1_000_000, { integer: true });

  const fake = await startFakePlatform({ port });
  let stopped = false;
  const signal = untilSignal().then((s) => {
    stopped = true;
    return s;
  });
  try {
    console.log(`Fake platform at ${fake.url}`);
    fake.onRequest((r) => console.log(`  ${isReply(r) ? '↩' : '·'} ${describeRequest(r)}`));
    const desk = await DeskClient.signIn(deskUrl, email, password);
    console.log(`Signed in to ${desk.baseUrl} as ${email}. Creating channels:`);
    const channels = await createDemoChannels(desk, fake.baseUrls, console.log);
    console.log('Task force (sign in as any of them; agents get conversations while connected to the live desk):');
    await createDemoTaskForce(desk, console.log, DEMO_PASSWORD);
    console.log('Sending fixtures:');
    const fixtures = await sendFixtures(desk, channels, fake.baseUrls, console.log);
    console.log(`${fixtures.accepted}/${fixtures.sent} fixture deliveries accepted.`);
    if (!stopped && durationSeconds > 0) {
      console.log(`Generated traffic: ${rate}/s for ${durationSeconds} s (seed ${seed}):`);
      const traffic = await runTraffic(desk, channels, fake.baseUrls, { rate, durationSeconds, seed, stopped: () => stopped }, console.log);
      console.log(`Traffic done: ${traffic.sent} sent ${JSON.stringify(traffic.byChannel)}, answers ${JSON.stringify(traffic.byStatus)}.`);
    }
    if (!stopped) console.log(`The fake platform keeps running at ${fake.url}: replies sent from the desk are printed here. Ctrl-C stops.`);
    await signal;
  } finally {
    const replies = fake.requests.filter(isReply);
    const polls = fake.requests.length - replies.length;
    console.log(`Stopping: the desk made ${replies.length} reply call(s) and ${polls} read call(s) to the fake platform.`);
    await fake.close();
  }
}

import { parseConfig } from '@app/common/config/parse-config';
import { defaultYoutubeData } from '../fake-platform/youtube-store';
import { adminCredentials, signInForDemo } from '../workspace/demo-sign-in';
import { demoBanner } from '../workspace/demo-banner';
import { demoPasswordFile, ensureDemoPassword, storedDemoPassword } from '../workspace/demo-password';
import { startFakePlatformPreferring } from '../workspace/fake-platform-port';
import { answerFirstCustomers } from '../workspace/first-answers';
import { keepTraffic } from '../workspace/live-traffic';
import { sendRecentHistory } from '../workspace/recent-history';
import { recentYoutubeData } from '../workspace/recent-youtube';
import { waitForDesk } from '../workspace/wait-for-desk';
import { createWorkspaceChannels, findWorkspaceChannels, repointWorkspaceChannels } from '../workspace/workspace-channels';
import { createDemoTaskForce, findDemoTaskForce } from './demo-task-force';
import { numberOption, requiredOption, stopSignal, urlOption } from './options';

export const WORKSPACE_USAGE = `workspace [--desk http://127.0.0.1:$PORT] [--email <admin e-mail> --password <pw>] [--rate 8] [--fake-port 4010]
    What \`npm start\` runs beside the desk when DEMO is on. Waits for the desk, starts the fake platform, sets the
    demo workspace up the first time (a channel of each type, the task force, SLA policies, and the last 40 minutes
    of customer messages, two of them already answered by the lead), prints its sign-ins (the demo people's password is
    random, generated once and kept in DATA_DIR/demo-password), then sends --rate customer
    events a minute until stopped. A restart reuses the workspace and only moves its channels when the fake platform
    had to take another port. Defaults come from the desk's variables: PORT, DEMO_RATE, DEMO_PLATFORM_PORT,
    BOOTSTRAP_ADMIN_*, else the generated admin password kept in DATA_DIR.`;

const quiet = (): void => undefined;

export async function workspaceCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const config = parseConfig(process.env);
  if (values.desk === undefined && config.port === 0) throw new Error('with PORT=0 the desk takes any free port, so the demo cannot find it: set PORT, or run the demo by hand with --desk');
  const deskUrl = urlOption('desk', values.desk as string | undefined, `http://127.0.0.1:${config.port}`);
  const perMinute = numberOption('rate', values.rate as string | undefined, config.demoRatePerMinute);
  const fakePort = numberOption('fake-port', values['fake-port'] as string | undefined, config.demoPlatformPort, { integer: true });
  const given =
    values.email === undefined && values.password === undefined
      ? undefined
      : { email: requiredOption('email', values.email as string | undefined), password: requiredOption('password', values.password as string | undefined) };
  const stop = stopSignal();

  await waitForDesk(deskUrl, stop);
  if (stop.aborted) return;
  const fake = await startFakePlatformPreferring(fakePort);
  // The YouTube fixtures are served as comments of the last half hour. After a restart the poller finds the same
  // comments (same ids) again, which the desk already holds: nothing new, nothing moved.
  fake.youtube(recentYoutubeData(defaultYoutubeData(), new Date()));
  try {
    // The admin's password file is written while the desk boots, so credentials are read once it answers.
    const { desk, admin } = await signInForDemo(deskUrl, given ?? adminCredentials(config), storedDemoPassword(config.dataDir));
    const password = await ensureDemoPassword(desk, { dataDir: config.dataDir, admin, log: console.log });
    let channels = await findWorkspaceChannels(desk);
    let stale = 0;
    if (Object.keys(channels).length === 0) {
      if (!admin) throw new Error('setting the demo workspace up needs the admin');
      console.log('Setting up the demo workspace...');
      // The task force first: if it fails, no channel exists yet and the next start tries the whole setup again.
      await createDemoTaskForce(desk, quiet, password);
      channels = await createWorkspaceChannels(desk, fake.baseUrls);
    } else {
      ({ stale } = await repointWorkspaceChannels(desk, channels, fake.baseUrls, admin));
    }
    // A recent history seeds an empty inbox once; later starts find its conversations and leave them be.
    const inbox = await desk.api<{ items: unknown[] }>('GET', '/api/conversations?limit=1');
    if (inbox.items.length === 0) {
      const history = await sendRecentHistory(desk, channels, fake.baseUrls, console.log);
      // A convenience: without it the desk is just as usable, so a failure is only reported.
      await answerFirstCustomers(deskUrl, history, { count: 2, timeoutMs: 15_000, stop, password }).catch((err: unknown) => {
        if (!stop.aborted) console.log(`Demo history: the lead's first answers were skipped (${err instanceof Error ? err.message : String(err)})`);
      });
    }
    const team = await findDemoTaskForce(desk);
    console.log(
      demoBanner({
        channels: Object.keys(channels).length,
        roles: team.roles,
        people: team.people,
        password,
        passwordFile: demoPasswordFile(config.dataDir),
        perMinute,
        fakePlatformUrl: fake.url,
        stale,
      }),
    );
    await keepTraffic(desk, channels, fake.baseUrls, { perMinute, seed: Date.now() % 1_000_000_007, stop }, console.log);
  } catch (err) {
    // Stopped halfway through the setup: the desk is going away too, and its refusals are no news.
    if (!stop.aborted) throw err;
  } finally {
    await fake.close();
  }
}

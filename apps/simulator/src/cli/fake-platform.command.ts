import { startFakePlatform } from '../fake-platform';
import { numberOption, untilSignal } from './options';
import { describeRequest } from './request-printer';

export const FAKE_PLATFORM_USAGE = `fake-platform [--port 4010] [--host 127.0.0.1] [--quiet]
    Runs the fake platform APIs until Ctrl-C, printing each channel type's apiBaseUrl and every call it answers.
    Control it over HTTP: POST /_control/behaviour {failNext, failStatus, failBody, throttleNext, retryAfterSeconds,
    delayMs, permanentError:{status,message}, platform, method}, GET /_control/requests, POST /_control/reset,
    POST /_control/youtube {commentThreads, comments}, POST /_control/mentions {<commentId>: {text,username,timestamp}}.`;

export async function fakePlatformCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const port = numberOption('port', values.port as string | undefined, 4010, { integer: true });
  const fake = await startFakePlatform({ port, host: values.host as string | undefined });
  console.log(`Fake platform listening at ${fake.url}`);
  console.log('apiBaseUrl per channel type:');
  for (const [type, url] of Object.entries(fake.baseUrls)) console.log(`  ${type.padEnd(9)} ${url}`);
  console.log(`Control: ${fake.url}/_control/behaviour | /_control/requests | /_control/reset. Ctrl-C stops.`);
  if (!values.quiet) fake.onRequest((r) => console.log(describeRequest(r)));
  const signal = await untilSignal();
  console.log(`${signal}: ${fake.requests.length} request(s) answered; stopping.`);
  await fake.close();
}

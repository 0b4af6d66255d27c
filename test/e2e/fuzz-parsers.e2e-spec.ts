import { adapterFor, WebhookParseError, type NormalizedEvent } from '../../libs/channels/src';
import { FIXTURE_CONFIG, type TestChannel } from '../support/inbox';
import { excerpt, Failures } from '../support/fuzz/answers';
import { mutateBytes, mutateJson } from '../support/fuzz/mutate';
import { fuzzSeed, replayHint, Rng } from '../support/fuzz/random';
import { channelTypeOf, loadFixtures, signed } from '../support/fuzz/webhook-cases';

/** Mutated deliveries per run, straight into the adapters: far more than HTTP could carry in the same time. */
const PARSES = Number(process.env.FUZZ_PARSES ?? 15_000);
const SEED = fuzzSeed();
const REPLAY = replayHint(SEED, 'test/e2e/fuzz-parsers.e2e-spec.ts');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What the processor relies on in every event an adapter hands it; each problem named. */
function eventProblems(ev: NormalizedEvent): string[] {
  const problems: string[] = [];
  // As the processor stores it: without NULs (stripNul).
  const text = (v: unknown) => typeof v === 'string' && v.replaceAll('\u0000', '').trim() !== '';
  if (!['create', 'edit', 'delete', 'status'].includes(ev.op)) problems.push(`op ${String(ev.op)}`);
  if (!['comment', 'mention', 'message'].includes(ev.kind)) problems.push(`kind ${String(ev.kind)}`);
  if (!text(ev.externalId)) problems.push(`externalId ${JSON.stringify(ev.externalId)}`);
  if (ev.op !== 'status' && !text(ev.author?.id)) problems.push(`author.id ${JSON.stringify(ev.author?.id)}`);
  if (ev.threadKey !== undefined && !text(ev.threadKey)) problems.push(`threadKey ${JSON.stringify(ev.threadKey)}`);
  if (typeof ev.text !== 'string') problems.push(`text ${typeof ev.text}`);
  if (!Array.isArray(ev.attachments)) problems.push('attachments not a list');
  // '' is the adapters' "the platform gave no time": the processor takes the time of receipt.
  if (typeof ev.occurredAt !== 'string' || (ev.occurredAt !== '' && (!ISO.test(ev.occurredAt) || Number.isNaN(Date.parse(ev.occurredAt))))) problems.push(`occurredAt ${JSON.stringify(ev.occurredAt)}`);
  const followers = ev.author?.followers;
  if (followers !== undefined && !(Number.isSafeInteger(followers) && followers >= 0 && followers <= 2_147_483_647)) problems.push(`followers ${followers}`);
  if (typeof ev.isEcho !== 'boolean') problems.push(`isEcho ${typeof ev.isEcho}`);
  return problems;
}

/**
 * The fixtures of every platform, mutated and re-signed, through each adapter's verify() and parse() in process:
 * a delivery is refused with WebhookParseError, or gives events the processor can store (an id, an author, a
 * time PostgreSQL reads, a follower count that fits its column). Anything else thrown is a crash.
 */
describe(`adapter parse fuzzing (seed ${SEED})`, () => {
  it(`reads ${PARSES} mutated deliveries into whole events or a parse error`, () => {
    const rng = new Rng(`${SEED}/parsers`);
    const fixtures = loadFixtures();
    const failures = new Failures();
    let accepted = 0;
    for (let i = 0; i < PARSES; i++) {
      const caseRng = rng.fork(i);
      const fixture = caseRng.pick(fixtures);
      const type = channelTypeOf(fixture);
      const channel: TestChannel = { id: 'ch', type, config: { ...FIXTURE_CONFIG[type], apiBaseUrl: 'http://127.0.0.1:9' } as TestChannel['config'] };
      const delivery = signed(channel, mutateJson(caseRng, fixture.json), fixture.form);
      const body = caseRng.chance(0.1) ? mutateBytes(caseRng, delivery.body) : delivery.body;
      const req = { method: 'POST' as const, headers: delivery.headers, query: {}, rawBody: body };
      const adapter = adapterFor(type);
      try {
        if (type !== 'youtube' && !adapter.verify(req, channel.config).ok) continue;
        const events = adapter.parse(req, channel.config);
        accepted++;
        for (const ev of events) {
          const problems = eventProblems(ev);
          if (problems.length > 0) failures.add(`case ${i} ${fixture.platform}/${fixture.file}: ${problems.join(', ')} from ${excerpt(body, 300)}`);
        }
      } catch (err) {
        if (!(err instanceof WebhookParseError)) failures.add(`case ${i} ${fixture.platform}/${fixture.file}: ${String(err)} from ${excerpt(body, 300)}`);
      }
    }
    expect({ seed: SEED, replay: REPLAY, failed: failures.total, failures: failures.list }).toEqual({ seed: SEED, replay: REPLAY, failed: 0, failures: [] });
    expect(accepted).toBeGreaterThan(PARSES / 3);
  }, 120_000);
});

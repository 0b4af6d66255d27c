// Drill 4: the platforms failing (5xx) and then throttling (429 with Retry-After, in each platform's own shape) while
// replies are queued. Replies must back off (no hot loop, never sooner than the platform asked) and, once the
// platform recovers, each must arrive exactly once.
import pg from 'pg';
import { countReplies, drained } from './ledger.mjs';
import { createDatabase, Desk, log, simulator, sleep, tally } from './support.mjs';
import { createChannels, Inbound, Replies } from './traffic.mjs';

const BASE_MS = 500;
const RETRY_AFTER_S = 3;

export async function platformDrill(cluster, { short }) {
  const phaseSeconds = short ? 6 : 15;
  const batch = short ? 30 : 100;
  const url = await createDatabase(cluster, `drill_platform_${Date.now()}`);
  const fake = await simulator.fake().startFakePlatform();
  // Enough attempts that the failing and throttling phases cannot use them all up: the drill is about backing off.
  const desk = new Desk(url, { RETRY_BASE_MS: String(BASE_MS), RETRY_MAX_ATTEMPTS: '12', WORKER_POLL_MS: '250' });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    await desk.startApi();
    await desk.signIn();
    const channels = await createChannels(desk, fake.baseUrls);
    const inbound = new Inbound(desk, channels, fake.baseUrls, 5);
    for (let i = 0; i < 60; i++) await inbound.deliver(inbound.next());
    await drained(pool, 60_000);
    const replies = new Replies(desk, pool);
    await replies.refresh();

    const schedule = [];
    const sampling = sampleOutbox(pool);
    const phase = async (name, behaviour, replyCount) => {
      fake.behave(behaviour);
      schedule.push({ name, at: Date.now() });
      log(`platform ${name}; queueing ${replyCount} replies`);
      for (let i = 0; i < replyCount; i++) await replies.replyOnce();
      await sleep(phaseSeconds * 1000);
    };
    // Replies only: the platforms' GETs (Instagram mention look-ups) are not what is drilled here.
    await phase('failing (500)', { failNext: 1_000_000, failStatus: 500, method: 'POST' }, batch);
    await phase(`throttling (429, Retry-After ${RETRY_AFTER_S} s)`, { failNext: null, throttleNext: 1_000_000, retryAfterSeconds: RETRY_AFTER_S }, Math.round(batch / 2));
    fake.behave({ throttleNext: null, retryAfterSeconds: null, method: null, failStatus: null });
    const recovered = Date.now();
    schedule.push({ name: 'recovered', at: recovered });
    log('platform recovered');
    const empty = await drained(pool, 180_000, log);
    const drainedIn = Date.now() - recovered;
    const outbox = sampling.stop();
    const outs = await countReplies(pool, fake, replies.acknowledged);
    const pacing = checkPacing(fake.requests);
    const failedChecks = [
      ...(pacing.early.length ? [`FAILED: ${pacing.early.length} retries sooner than the backoff or Retry-After allowed: ${pacing.early.slice(0, 3).join('; ')}`] : []),
      ...(outbox.longestWaitS < RETRY_AFTER_S ? [`FAILED: the outbox never scheduled a wait as long as the Retry-After (${outbox.longestWaitS} s)`] : []),
      ...(empty ? [] : ['FAILED: NOT DRAINED']),
    ];
    const notes = [
      `${phaseSeconds} s failing, ${phaseSeconds} s throttling`,
      `platform answers: ${tally(pacing.answers)}`,
      `attempts per reply: max ${pacing.maxAttempts}, mean ${pacing.meanAttempts}`,
      `outbox: up to ${outbox.maxAttempts} attempts, longest scheduled wait ${outbox.longestWaitS} s`,
      `all delivered ${(drainedIn / 1000).toFixed(1)} s after recovery`,
      ...failedChecks,
      ...outs.failures.slice(0, 5),
    ];
    return { drill: 'platform failing, then throttling', replies: outs, notes, failedCheck: failedChecks.length > 0, problems: desk.problems() };
  } finally {
    await desk.stop();
    await fake.close();
    await pool.end();
  }
}

/** Watches the outbox: the most attempts of a row and the longest wait it was scheduled for. */
function sampleOutbox(pool) {
  const seen = { maxAttempts: 0, longestWaitS: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query(`SELECT coalesce(max(attempts), 0)::int AS attempts, coalesce(extract(epoch FROM max(next_attempt_at - now())), 0)::float AS wait FROM outbox`);
      seen.maxAttempts = Math.max(seen.maxAttempts, rows[0].attempts);
      seen.longestWaitS = Math.max(seen.longestWaitS, Math.round(rows[0].wait * 10) / 10);
      await sleep(250);
    }
  })();
  return {
    stop() {
      running = false;
      void loop;
      return seen;
    },
  };
}

/**
 * The gaps between the attempts of each reply, from the platform's side: after the n-th failed attempt the next may
 * come no sooner than the backoff (BASE_MS doubling per attempt), and after a 429 no sooner than its Retry-After.
 */
function checkPacing(requests) {
  const byTag = new Map();
  const answers = new Map();
  for (const r of requests) {
    if (r.method !== 'POST') continue;
    answers.set(String(r.status), (answers.get(String(r.status)) ?? 0) + 1);
    const tag = `${r.body} ${Object.values(r.query).join(' ')}`.match(Replies.tagPattern)?.[0];
    if (tag) byTag.set(tag, [...(byTag.get(tag) ?? []), r]);
  }
  const early = [];
  let total = 0;
  let maxAttempts = 0;
  for (const [tag, list] of byTag) {
    total += list.length;
    maxAttempts = Math.max(maxAttempts, list.length);
    for (let i = 1; i < list.length; i++) {
      const gap = Date.parse(list[i].at) - Date.parse(list[i - 1].at);
      const backoff = Math.min(BASE_MS * 2 ** (i - 1), 3_600_000);
      const floor = Math.max(backoff, list[i - 1].status === 429 ? RETRY_AFTER_S * 1000 : 0);
      // 10% and 50 ms of slack for timers and the database clock against ours.
      if (gap < floor * 0.9 - 50) early.push(`${tag} attempt ${i + 1} came ${gap} ms after a ${list[i - 1].status} (at least ${floor} ms)`);
    }
  }
  return { early, answers, maxAttempts, meanAttempts: byTag.size ? (total / byTag.size).toFixed(1) : '0' };
}

// Drill 1: kill -9 of the API and of the worker under steady inbound load, while agents' replies flow out.
import pg from 'pg';
import { countInbound, countReplies, drained } from './ledger.mjs';
import { createDatabase, Desk, log, simulator, sleep, tally } from './support.mjs';
import { createChannels, Inbound, Replies } from './traffic.mjs';

export async function killDrill(cluster, { short }) {
  const seconds = short ? 30 : 150;
  const kills = short ? ['api', 'worker'] : ['api', 'worker', 'api', 'worker', 'both', 'worker', 'api'];
  const rate = 15;
  const url = await createDatabase(cluster, `drill_kill_${Date.now()}`);
  const fake = await simulator.fake().startFakePlatform();
  // The API takes webhooks and replies; a worker process of its own processes them and delivers the replies.
  const desk = new Desk(url, { RUN_WORKERS: 'false', WORKER_POLL_MS: '250', RETRY_BASE_MS: '500' });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  try {
    await desk.startApi();
    desk.startWorker();
    await desk.signIn();
    const channels = await createChannels(desk, fake.baseUrls);
    const inbound = new Inbound(desk, channels, fake.baseUrls, 7);
    const replies = new Replies(desk, pool);
    let stop = false;
    const load = inbound.run({ rate, stopped: () => stop });
    // Replies need conversations: a few seconds of inbound first.
    await replies.ready();
    const answering = replies.loop({ intervalMs: 250, stopped: () => stop });
    const killedAt = [];
    const gap = (seconds * 1000 - 8_000) / kills.length;
    for (const [i, target] of kills.entries()) {
      await sleep(gap * (i === 0 ? 0.5 : 1));
      killedAt.push({ target, at: Date.now() });
      if (target !== 'worker') await desk.kill(desk.api);
      if (target !== 'api') await desk.kill(desk.worker);
      log(`kill -9 ${target} (${inbound.acknowledged.length} webhooks acknowledged, ${replies.acknowledged.length} replies so far)`);
      const restarted = Date.now();
      if (target !== 'api') desk.startWorker();
      if (target !== 'worker') await desk.startApi();
      log(`${target} restarted; the API answered /health ${Date.now() - restarted} ms after the restart`);
    }
    await sleep(Math.max(0, killedAt[0].at + seconds * 1000 - Date.now()));
    stop = true;
    await Promise.all([load, answering]);
    log(`load stopped: ${inbound.acknowledged.length} acknowledged, ${replies.acknowledged.length} replies; draining`);
    // A reply claimed by a killed worker waits for its lease (2 minutes) to expire before another attempt.
    const empty = await drained(pool, 200_000, log);
    const ins = await countInbound(pool, inbound.acknowledged);
    const outs = await countReplies(pool, fake, replies.acknowledged);
    const notes = [
      `${kills.length} kills (${kills.join(', ')})`,
      `webhook answers: ${tally(inbound.answers)}, slowest ${inbound.slowest} ms`,
      ...(replies.failedPosts.size ? [`reply posts not answered 201 (not counted as queued unless stored): ${tally(replies.failedPosts)}`] : []),
      ...(empty ? [] : ['NOT DRAINED']),
      ...(ins.failedEvents ? [`${ins.failedEvents} events failed`] : []),
      ...explainDuplicates(outs.duplicates, killedAt),
      ...outs.failures.slice(0, 5),
      ...inbound.bad.slice(0, 3),
    ];
    return { drill: 'kill -9 API and worker', ...ins, replies: outs, notes, problems: desk.problems() };
  } finally {
    await desk.stop();
    await fake.close();
    await pool.end();
  }
}

/** A reply sent twice: was its first copy answered just before a worker was killed (the commit never happened)? */
export function explainDuplicates(duplicates, killedAt) {
  return duplicates.map(({ tag, times }) => {
    const first = Date.parse(times[0]);
    const kill = killedAt.find((k) => k.target !== 'api' && k.at >= first && k.at - first < 5_000);
    return kill
      ? `${tag} sent ${times.length}×: first copy answered ${kill.at - first} ms before the worker was killed, resent after the lease`
      : `${tag} sent ${times.length}× at ${times.join(', ')} (no kill explains it)`;
  });
}

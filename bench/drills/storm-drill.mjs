// Drill 3: a duplicate storm. The same 1,000 events, each delivered five times at once from many connections (as a
// platform does when it retries while earlier attempts are still in flight), must make exactly 1,000 messages.
import pg from 'pg';
import { countInbound, drained } from './ledger.mjs';
import { createDatabase, Desk, log, simulator, tally } from './support.mjs';
import { createChannels, Inbound } from './traffic.mjs';

export async function stormDrill(cluster) {
  const EVENTS = 1_000;
  const COPIES = 5;
  const CONCURRENCY = 100;
  const url = await createDatabase(cluster, `drill_storm_${Date.now()}`);
  const fake = await simulator.fake().startFakePlatform();
  const desk = new Desk(url);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    await desk.startApi();
    await desk.signIn();
    const channels = await createChannels(desk, fake.baseUrls);
    const inbound = new Inbound(desk, channels, fake.baseUrls, 3);
    const events = Array.from({ length: EVENTS }, () => inbound.next());
    // Every copy of an event is sent within the same few milliseconds as the others: the five race each other.
    const queue = events.flatMap((d) => Array.from({ length: COPIES }, () => d));
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (queue.length > 0) await inbound.deliver(queue.shift());
      }),
    );
    const took = Date.now() - started;
    log(`${EVENTS * COPIES} deliveries answered in ${took} ms; draining`);
    const empty = await drained(pool, 180_000, log);
    const ins = await countInbound(pool, inbound.acknowledged);
    const { rows } = await pool.query(`SELECT count(*)::int AS events, (SELECT count(*)::int FROM messages WHERE direction = 'inbound') AS messages FROM webhook_events`);
    const notes = [
      `${EVENTS * COPIES} requests, ${CONCURRENCY} at once, answered in ${(took / 1000).toFixed(1)} s`,
      `answers: ${tally(inbound.answers)}`,
      `${rows[0].events} stored deliveries, ${rows[0].messages} messages in all`,
      ...(empty ? [] : ['NOT DRAINED']),
      ...(ins.failedEvents ? [`${ins.failedEvents} events failed`] : []),
      ...inbound.bad.slice(0, 3),
    ];
    const exact = rows[0].messages === EVENTS && rows[0].events === EVENTS && ins.acknowledged === EVENTS;
    if (!exact) notes.push(`FAILED: expected ${EVENTS} stored deliveries and ${EVENTS} messages`);
    return { drill: 'duplicate storm (1,000 × 5)', ...ins, notes, failedCheck: !exact || !empty, problems: desk.problems() };
  } finally {
    await desk.stop();
    await fake.close();
    await pool.end();
  }
}

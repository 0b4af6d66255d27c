// Drill 2: PostgreSQL stopped (fast shutdown) and started again under load. Webhooks during the outage must be
// answered 503 with Retry-After at once (so platforms redeliver), never 500 and never left hanging; the API, the
// worker and the live feed must come back by themselves; nothing acknowledged may be lost.
import { createRequire } from 'node:module';
import pg from 'pg';
import { countInbound, countReplies, drained } from './ledger.mjs';
import { createDatabase, Desk, log, simulator, sleep, tally } from './support.mjs';
import { createChannels, Inbound, Replies } from './traffic.mjs';

const require = createRequire(import.meta.url);

export async function postgresDrill(cluster, { short }) {
  const outages = short ? [6] : [6, 10];
  const url = await createDatabase(cluster, `drill_pg_${Date.now()}`);
  const fake = await simulator.fake().startFakePlatform();
  const desk = new Desk(url, { RUN_WORKERS: 'false', WORKER_POLL_MS: '250', RETRY_BASE_MS: '500' });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  let socket;
  try {
    await desk.startApi();
    desk.startWorker();
    await desk.signIn();
    const channels = await createChannels(desk, fake.baseUrls);
    const live = [];
    socket = require('socket.io-client').io(desk.url, { auth: { token: desk.token }, transports: ['websocket'] });
    socket.on('message.created', (body) => live.push({ at: Date.now(), body }));
    const inbound = new Inbound(desk, channels, fake.baseUrls, 11);
    const replies = new Replies(desk, pool);
    let stop = false;
    const load = inbound.run({ rate: 15, stopped: () => stop });
    await replies.ready();
    const answering = replies.loop({ intervalMs: 400, stopped: () => stop });
    const health = [];
    const watching = (async () => {
      while (!stop) {
        const at = Date.now();
        const res = await desk.call('GET', '/health').catch((err) => ({ status: err.name }));
        health.push({ at, took: Date.now() - at, status: res.status, code: res.body?.code, retryAfter: res.headers?.get('retry-after') });
        await sleep(250);
      }
    })();
    const windows = [];
    for (const seconds of outages) {
      await sleep(5_000);
      const down = Date.now();
      await cluster.stop();
      log(`PostgreSQL stopped (fast) for ${seconds} s`);
      await sleep(seconds * 1000);
      await cluster.start();
      const up = Date.now();
      windows.push({ down, up });
      log('PostgreSQL started again');
      const healthy = await until(() => health.some((h) => h.at > up && h.status === 200), 60_000);
      log(healthy ? `/health 200 again ${health.find((h) => h.at > up && h.status === 200).at - up} ms after the start` : '/health not 200 within 60 s');
    }
    await sleep(8_000);
    stop = true;
    if (desk.api.child.exitCode !== null || desk.worker.child.exitCode !== null) throw new Error(`the desk died in the outage (logs in ${desk.logDir})`);
    await Promise.all([load, answering, watching]);
    const empty = await drained(pool, 120_000, log);
    const ins = await countInbound(pool, inbound.acknowledged);
    const outs = await countReplies(pool, fake, replies.acknowledged);

    // What platforms and probes got while the database was away (and the second after it came back).
    const offset = (at) => {
      const w = windows.find((x) => at <= x.up + 1_000) ?? windows.at(-1);
      return at < w.up ? `${((at - w.down) / 1000).toFixed(1)} s into the outage` : `${((at - w.up) / 1000).toFixed(1)} s after the restart`;
    };
    const during = (e) => windows.some((w) => e.at >= w.down && e.at <= w.up + 1_000);
    const outageAnswers = inbound.journal.filter(during);
    const wrong = outageAnswers.filter((a) => a.status !== 503 && a.status !== 200);
    // A platform waits 10 to 20 s for an answer; the pool gives up acquiring a connection after 10 s.
    const slow = outageAnswers.filter((a) => a.took > 10_000);
    const missingRetryAfter = outageAnswers.filter((a) => a.status === 503 && !a.retryAfter);
    const healthDown = health.filter(during);
    const last = windows.at(-1);
    const liveAfter = live.filter((e) => e.at > last.up + 1_000).length;
    const exited = [desk.api, desk.worker].filter((r) => r.child.exitCode !== null || r.child.signalCode !== null).map((r) => r.name);
    const checks = [
      [wrong.length === 0, `webhooks during the outage answered other than 503: ${tally(count(wrong.map((a) => `${a.status} ${a.code ?? ''}`)))}`],
      [slow.length === 0, `${slow.length} webhook answers during the outage took over 10 s: ${slow.slice(0, 4).map((a) => `sent ${offset(a.at)}, ${a.status} after ${a.took} ms`).join(', ')}`],
      [missingRetryAfter.length === 0, `${missingRetryAfter.length} 503s without Retry-After`],
      [healthDown.some((h) => h.status === 503) && healthDown.every((h) => h.status === 503 || h.status === 200), `/health during the outage: ${tally(count(healthDown.map((h) => String(h.status))))}`],
      [liveAfter > 0, 'no live message.created after the last restart: the feed did not come back'],
      [exited.length === 0, `${exited.join(', ')} exited`],
      [empty, 'NOT DRAINED'],
      [inbound.bad.length === 0, inbound.bad.slice(0, 3).join('; ')],
    ];
    const failedChecks = checks.filter(([ok]) => !ok).map(([, what]) => `FAILED: ${what}`);
    const codes = tally(count(outageAnswers.map((a) => `${a.status} ${a.code ?? ''}`.trim())));
    const notes = [
      `${outages.length} outage(s) of ${outages.join(', ')} s`,
      `webhooks during outages: ${codes || 'none'}, slowest ${Math.max(0, ...outageAnswers.map((a) => a.took))} ms, Retry-After ${[...new Set(outageAnswers.map((a) => a.retryAfter).filter(Boolean))].join('/') || '–'}`,
      `/health during outages: ${tally(count(healthDown.map((h) => `${h.status} ${h.code ?? ''}`.trim())))}`,
      `${liveAfter} live message.created after the restart`,
      ...(replies.failedPosts.size ? [`reply posts not answered 201: ${tally(replies.failedPosts)}`] : []),
      ...(ins.failedEvents ? [`${ins.failedEvents} events failed`] : []),
      ...failedChecks,
      ...outs.failures.slice(0, 5),
    ];
    return { drill: 'PostgreSQL restarted', ...ins, replies: outs, notes, failedCheck: failedChecks.length > 0, problems: desk.problems() };
  } finally {
    socket?.close();
    await desk.stop();
    await fake.close();
    await pool.end();
  }
}

const count = (keys) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map());

async function until(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await sleep(200);
  }
  return false;
}

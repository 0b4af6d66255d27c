// The platforms' side of a drill: signed webhooks at a steady rate, each redelivered until the desk acknowledges it
// (as platforms do after a timeout, a refused connection or a 5xx), and agents replying through the API.
import { randomBytes } from 'node:crypto';
import { simulator, sleep } from './support.mjs';

/** The platforms the simulator's generators forge (and so the channels a drill creates). */
export const TRAFFIC_TYPES = ['api', 'facebook', 'instagram', 'whatsapp', 'telegram', 'x'];

/** One channel per type, with the fixtures' made-up accounts, its platform API pointed at the fake platform. */
export async function createChannels(desk, baseUrls) {
  const configs = simulator.accounts().demoChannelConfigs(baseUrls);
  const channels = {};
  for (const type of TRAFFIC_TYPES) channels[type] = await desk.must('POST', '/api/channels', { type, name: `Drill ${type}`, config: configs[type] });
  return channels;
}

/**
 * Deliveries of generated platform traffic. Every answer is tallied; a delivery is `acknowledged` once it got a 200,
 * and until then redelivered with a short backoff (at least the Retry-After the desk asked for, at most 2 s).
 */
export class Inbound {
  constructor(desk, channels, baseUrls, seed) {
    this.desk = desk;
    this.channels = channels;
    this.baseUrls = baseUrls;
    this.traffic = simulator.traffic().createTraffic({ seed });
    this.adapters = simulator.adapters();
    this.accounts = simulator.accounts();
    this.acknowledged = [];
    this.unacknowledged = [];
    this.answers = new Map(); // "503 DATABASE_UNAVAILABLE" -> count
    this.slowest = 0;
    this.slow = 0; // answers that took over 5 s
    this.journal = []; // every answer but a quick 200: {at, took, status, code, retryAfter}
    this.bad = []; // answers a platform must never get: a 5xx other than 503, a 503 without Retry-After, a hang
  }

  next() {
    return this.traffic.next();
  }

  tally(key) {
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  /** Delivers until a 200 or until giveUpMs: true when acknowledged. */
  async deliver(d, giveUpMs = 180_000) {
    const body = Buffer.from(d.body, 'utf8');
    const config = this.accounts.demoAdapterConfig(d.channelType, this.baseUrls);
    const deadline = Date.now() + giveUpMs;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const headers = { 'content-type': d.contentType, ...this.adapters.adapterFor(d.channelType).signDelivery(body, config) };
      const started = Date.now();
      let wait = Math.min(2_000, 100 * 2 ** attempt);
      try {
        const res = await fetch(`${this.desk.url}/webhooks/${this.channels[d.channelType].id}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        const took = Date.now() - started;
        this.slowest = Math.max(this.slowest, took);
        let code = '';
        try {
          const answer = JSON.parse(text);
          code = answer.code ?? (answer.duplicate ? 'duplicate' : '');
        } catch {
          /* not JSON */
        }
        this.tally(`${res.status}${code ? ` ${code}` : ''}`);
        if (took > 5_000) this.slow++;
        if (res.status !== 200 || took > 5_000) this.journal.push({ at: started, took, status: res.status, code, retryAfter: res.headers.get('retry-after') });
        if (res.status === 200) {
          this.acknowledged.push({ channelId: this.channels[d.channelType].id, externalId: d.externalId, type: d.channelType });
          return true;
        }
        const retryAfter = Number(res.headers.get('retry-after'));
        if (res.status === 503 && !(retryAfter > 0)) this.bad.push(`503 without Retry-After: ${text.slice(0, 200)}`);
        if (res.status >= 500 && res.status !== 503) this.bad.push(`${res.status}: ${text.slice(0, 200)}`);
        if (res.status < 500 && res.status !== 429) throw new Error(`the desk refused a generated ${d.channelType} delivery: ${res.status} ${text.slice(0, 300)}`);
        if (retryAfter > 0) wait = Math.max(wait, Math.min(retryAfter * 1000, 2_000));
      } catch (err) {
        if (err.message?.startsWith('the desk refused')) throw err;
        const took = Date.now() - started;
        if (err.name === 'TimeoutError') this.bad.push(`no answer within ${took} ms`);
        this.journal.push({ at: started, took, status: err.name === 'TimeoutError' ? 'timeout' : 'refused' });
        this.tally(err.name === 'TimeoutError' ? 'timeout' : 'connection refused or reset');
      }
      await sleep(wait);
    }
    this.unacknowledged.push(d.externalId);
    return false;
  }

  /** `rate` deliveries per second until stopped(); each delivery in flight on its own (up to maxInFlight). */
  async run({ rate, stopped, maxInFlight = 200 }) {
    const inFlight = new Set();
    const started = Date.now();
    for (let i = 0; !stopped(); i++) {
      await sleep(Math.max(0, started + (i * 1000) / rate - Date.now()));
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const p = this.deliver(this.next()).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
}

/**
 * Agents answering conversations through the API. Each reply text carries a unique tag, by which its requests are
 * found in the fake platform's recorder. A reply whose POST failed (the API was being killed) is not retried: the
 * database says whether it was queued.
 */
export class Replies {
  constructor(desk, pool) {
    this.desk = desk;
    this.pool = pool;
    this.run = randomBytes(3).toString('hex');
    this.n = 0;
    this.acknowledged = [];
    this.failedPosts = new Map(); // "503 DATABASE_UNAVAILABLE" or the error -> count
    this.conversations = [];
  }

  static tagPattern = /drl[0-9a-f]{6}x\d+/g;

  async refresh() {
    try {
      const { rows } = await this.pool.query(`SELECT id FROM conversations ORDER BY random() LIMIT 100`);
      this.conversations = rows.map((r) => r.id);
    } catch {
      /* the database is away: keep the list we have */
    }
  }

  /** Waits until the desk has made at least `min` conversations to answer (the worker may be behind). */
  async ready(min = 10, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.refresh();
      if (this.conversations.length >= min) return;
      await sleep(500);
    }
    throw new Error(`fewer than ${min} conversations after ${timeoutMs} ms: the desk is not processing webhooks`);
  }

  async replyOnce() {
    if (this.conversations.length === 0) await this.refresh();
    const id = this.conversations[Math.floor(Math.random() * this.conversations.length)];
    if (!id) return;
    const tag = `drl${this.run}x${++this.n}`;
    try {
      const res = await this.desk.call('POST', `/api/conversations/${id}/replies`, { text: `Thanks for writing, we are on it (ref ${tag})` });
      if (res.status === 201) this.acknowledged.push({ tag, messageId: res.body.id });
      else this.failed(`${res.status} ${res.body?.code ?? ''}`.trim());
    } catch (err) {
      this.failed(err.name === 'TimeoutError' ? 'timeout' : 'connection refused or reset');
    }
  }

  failed(key) {
    this.failedPosts.set(key, (this.failedPosts.get(key) ?? 0) + 1);
  }

  /** One reply every intervalMs until stopped(), several in flight when the desk is slow to answer. */
  async loop({ intervalMs, stopped, maxInFlight = 8 }) {
    const inFlight = new Set();
    for (let i = 0; !stopped(); i++) {
      if (i % 20 === 0) await this.refresh();
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const p = this.replyOnce().finally(() => inFlight.delete(p));
      inFlight.add(p);
      await sleep(intervalMs);
    }
    await Promise.all(inFlight);
  }
}

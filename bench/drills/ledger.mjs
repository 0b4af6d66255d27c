// The count at the end of a drill: what was promised (acknowledged webhooks, queued replies) against what the
// database holds and what the fake platform received.
import { Replies } from './traffic.mjs';
import { sleep } from './support.mjs';

/** Waits until no stored webhook is pending and the outbox is empty; returns false after timeoutMs. */
export async function drained(pool, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { rows } = await pool.query(
        `SELECT (SELECT count(*) FROM webhook_events WHERE status = 'pending')::int AS pending,
                (SELECT count(*) FROM outbox)::int AS outbox,
                (SELECT count(*) FROM outbox WHERE locked_until > now())::int AS leased`,
      );
      const { pending, outbox, leased } = rows[0];
      if (pending === 0 && outbox === 0) return true;
      const now = `${pending} webhooks pending, ${outbox} replies in the outbox (${leased} leased)`;
      if (now !== last) log?.(`draining: ${now}`);
      last = now;
    } catch {
      /* the database may still be coming back */
    }
    await sleep(500);
  }
  return false;
}

/** Every acknowledged webhook must be exactly one message, found by (channel, external id). */
export async function countInbound(pool, acknowledged) {
  const { rows } = await pool.query(
    `SELECT channel_id, external_id, count(*)::int AS n FROM messages WHERE direction = 'inbound' GROUP BY channel_id, external_id`,
  );
  const found = new Map(rows.map((r) => [`${r.channel_id}|${r.external_id}`, r.n]));
  const promised = new Set(acknowledged.map((a) => `${a.channelId}|${a.externalId}`));
  let stored = 0;
  let lost = 0;
  let duplicated = 0;
  for (const key of promised) {
    const n = found.get(key) ?? 0;
    if (n === 0) lost++;
    else stored++;
    duplicated += Math.max(0, n - 1);
  }
  const { rows: failed } = await pool.query(`SELECT count(*)::int AS n FROM webhook_events WHERE status = 'failed'`);
  return { acknowledged: promised.size, stored, lost, duplicated, failedEvents: failed[0].n };
}

/**
 * Every reply the database queued (an outbound message with a drill tag) must reach the platform exactly once: one
 * request answered 2xx carrying its tag. Replies acknowledged with 201 but absent from the database are lost too.
 */
export async function countReplies(pool, fake, acknowledged = []) {
  const { rows } = await pool.query(`SELECT id, text, delivery_status, delivery_error FROM messages WHERE direction = 'outbound'`);
  const queued = new Map();
  for (const r of rows) {
    const tag = r.text.match(Replies.tagPattern)?.[0];
    if (tag) queued.set(tag, r);
  }
  const delivered = new Map(); // tag -> [request time, ...] of 2xx answers
  const attempts = new Map(); // tag -> requests of any answer
  for (const req of fake.requests) {
    const text = `${req.body} ${Object.values(req.query).join(' ')}`;
    for (const tag of new Set(text.match(Replies.tagPattern) ?? [])) {
      attempts.set(tag, (attempts.get(tag) ?? 0) + 1);
      if (req.status >= 200 && req.status < 300) delivered.set(tag, [...(delivered.get(tag) ?? []), req.at]);
    }
  }
  let lost = acknowledged.filter((a) => !queued.has(a.tag)).length;
  let duplicated = 0;
  const duplicates = [];
  const failures = [];
  for (const [tag, row] of queued) {
    const times = delivered.get(tag) ?? [];
    if (times.length === 0) {
      lost++;
      failures.push(`${tag}: ${row.delivery_status}${row.delivery_error ? ` (${row.delivery_error.slice(0, 120)})` : ''}`);
    }
    if (times.length > 1) {
      duplicated += times.length - 1;
      duplicates.push({ tag, messageId: row.id, times });
    }
  }
  const delivered2xx = [...queued.keys()].filter((t) => delivered.has(t)).length;
  return { queued: queued.size, delivered: delivered2xx, lost, duplicated, duplicates, failures, attempts };
}

import type { Client } from 'pg';
import { eventually } from '../inbox';

/*
 * Rows that must never exist, whatever was sent: each query returns the offending rows (empty when all is well),
 * so a failure shows them. Columns as in libs/db/src/migrations.
 */
export const PARTIAL_ROWS: Record<string, string> = {
  'events processed without their bookkeeping': `SELECT id, status, last_error, event_count FROM webhook_events
     WHERE status = 'processed' AND (processed_at IS NULL OR last_error IS NOT NULL OR event_count IS NULL)`,
  'events failed without an error': `SELECT id, attempts FROM webhook_events WHERE status = 'failed' AND coalesce(last_error, '') = ''`,
  'conversations without a message': `SELECT c.id, c.channel_type, c.thread_key FROM conversations c
     WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`,
  'conversations without a thread key': `SELECT id FROM conversations WHERE thread_key = '' OR email_token = ''`,
  'conversations whose contact is missing': `SELECT c.id FROM conversations c
     WHERE c.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = c.contact_id AND k.workspace_id = c.workspace_id)`,
  'customer conversations without a contact': `SELECT c.id, c.channel_type FROM conversations c WHERE c.contact_id IS NULL
     AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.author_type = 'contact')`,
  'messages on another channel or workspace than their conversation': `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.channel_id <> c.channel_id OR m.workspace_id <> c.workspace_id`,
  'customer messages whose contact is missing': `SELECT m.id, m.author_id FROM messages m WHERE m.author_type = 'contact'
     AND (m.author_id IS NULL OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = m.author_id))`,
  'contacts without an identity': `SELECT k.id FROM contacts k WHERE k.merged_into_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = k.id)`,
  'inbound messages without an external id': `SELECT m.id, c.type, m.external_id, left(m.text, 80) AS text FROM messages m JOIN channels c ON c.id = m.channel_id
     WHERE m.direction = 'inbound' AND coalesce(trim(m.external_id), '') = ''`,
};

/** Failure messages that are a crash of our code or a refusal by PostgreSQL, not a platform's or the network's doing. */
export const CRASH = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read|Cannot convert|is not a function|is not iterable|of undefined|of null|Maximum call stack|invalid input syntax|violates|out of range|value too long|duplicate key|null value in column|unsupported Unicode|invalid byte sequence|could not|deadlock|QueryFailedError|\bsyntax error\b/i;

export async function partialRows(sql: Client): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const [what, query] of Object.entries(PARTIAL_ROWS)) {
    const { rows } = await sql.query(query);
    if (rows.length > 0) found[what] = rows.slice(0, 5);
  }
  return found;
}

/** Waits until no stored event is waiting or being retried: the processor has done all it will. */
export async function processorSettled(sql: Client, timeoutMs = 90_000): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_events WHERE status = 'pending'`);
      return rows[0]!.n === '0' || undefined;
    },
    timeoutMs,
    'every stored event to be processed or failed',
  );
}

/** Failed events whose error is a crash, with the body that caused it, for the report. */
export async function crashedEvents(sql: Client): Promise<Array<{ id: string; last_error: string; body: string }>> {
  const { rows } = await sql.query<{ id: string; last_error: string; body: Buffer }>(`SELECT id, last_error, body FROM webhook_events WHERE status = 'failed'`);
  return rows.filter((r) => CRASH.test(r.last_error)).map((r) => ({ id: r.id, last_error: r.last_error, body: r.body.toString('utf8').slice(0, 400) }));
}

import type { Client } from 'pg';
import { FixedClock } from '../../libs/common/src/clock/clock';
import { deliver, settled, type TestChannel } from './inbox';
import type { TestDesk } from './desk';

/** A desk's clock for SLA tests: it stands still until the test moves it. */
export const fixedAt = (iso: string) => new FixedClock(new Date(iso));

let seq = 0;

export interface Writes {
  threadId?: string;
  kind?: 'comment' | 'mention' | 'message';
  text?: string;
  /** A reply the business made on the platform itself (it counts as an answer). */
  fromBusiness?: boolean;
}

/**
 * A message through the generic channel's signed webhook, at its own time (`createdAt`), processed; returns the id
 * of its conversation. Messages with the same threadId share a conversation.
 */
export async function writes(desk: TestDesk, token: string, sql: Client, channel: TestChannel, at: Date, fields: Writes = {}): Promise<string> {
  const id = `sla-${process.pid}-${++seq}`;
  const thread = fields.threadId ?? id;
  const body = {
    id,
    kind: fields.kind ?? 'message',
    threadId: thread,
    author: fields.fromBusiness ? { id: 'brand', name: 'Brand' } : { id: `customer-${thread}`, name: 'Customer' },
    text: fields.text ?? `message ${seq}`,
    createdAt: at.toISOString(),
    ...(fields.fromBusiness ? { fromBusiness: true } : {}),
  };
  const res = await deliver(desk, channel, JSON.stringify(body));
  if (res.status !== 200) throw new Error(`delivery failed: ${res.status} ${JSON.stringify(res.body)}`);
  const failed = await settled(desk, token, channel.id);
  if (failed.length) throw new Error(`processing failed: ${JSON.stringify(failed)}`);
  const { rows } = await sql.query<{ conversation_id: string }>(`SELECT conversation_id FROM messages WHERE channel_id = $1 AND external_id = $2`, [channel.id, id]);
  if (!rows[0]) throw new Error(`message ${id} was not stored`);
  return rows[0].conversation_id;
}

import { buildThread, compareMessages, isAtBottom, quoteOf, removeMessage, upsertMessage, type ThreadMessage } from './thread-logic';

let n = 0;
function msg(fields: Partial<ThreadMessage> = {}): ThreadMessage {
  n += 1;
  return {
    id: `m${String(n).padStart(3, '0')}`,
    conversationId: 'c1',
    direction: 'inbound',
    text: `text ${n}`,
    author: { type: 'contact', id: 'x', name: 'Maria' },
    externalId: null,
    parentExternalId: null,
    createdAt: `2026-03-02T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    edited: false,
    previousTexts: [],
    deleted: false,
    deletedAt: null,
    ...fields,
  };
}

describe('upsertMessage', () => {
  it('adds a new message in time order, even one older than the last', () => {
    const a = msg({ createdAt: '2026-03-02T10:00:00.000Z' });
    const c = msg({ createdAt: '2026-03-02T10:02:00.000Z' });
    const b = msg({ createdAt: '2026-03-02T10:01:00.000Z' });
    expect(upsertMessage(upsertMessage([a], c), b).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
  });

  it('replaces a message with the same id (an edit, a delivery status)', () => {
    const reply = msg({ direction: 'outbound', deliveryStatus: 'queued' });
    const list = upsertMessage([reply], { ...reply, deliveryStatus: 'sent' });
    expect(list).toHaveLength(1);
    expect(list[0]!.deliveryStatus).toBe('sent');
  });

  it('keeps a live status that overtook the answer of the request that queued it', () => {
    const reply = msg({ direction: 'outbound', deliveryStatus: 'sent' });
    const list = [reply];
    expect(upsertMessage(list, { ...reply, deliveryStatus: 'queued' }, 'answer')).toBe(list);
    // ...but an answer that moves it on (an approval) applies.
    const held = msg({ direction: 'outbound', deliveryStatus: 'held' });
    expect(upsertMessage([held], { ...held, deliveryStatus: 'queued' }, 'answer')[0]!.deliveryStatus).toBe('queued');
    // A live event always applies: it is the latest truth.
    expect(upsertMessage(list, { ...reply, deliveryStatus: 'failed' }, 'live')[0]!.deliveryStatus).toBe('failed');
  });

  it('orders ties on createdAt by receivedAt, then id', () => {
    const at = '2026-03-02T11:00:00.000Z';
    const late = msg({ id: 'a', createdAt: at, receivedAt: '2026-03-02T11:00:05.000Z' });
    const early = msg({ id: 'b', createdAt: at, receivedAt: '2026-03-02T11:00:01.000Z' });
    expect([late, early].sort(compareMessages).map((m) => m.id)).toEqual(['b', 'a']);
  });
});

describe('removeMessage', () => {
  it('drops the message, and keeps the same list when it is not there', () => {
    const a = msg();
    const list = [a, msg()];
    expect(removeMessage(list, a.id)).toHaveLength(1);
    expect(removeMessage(list, 'nope')).toBe(list);
  });
});

describe('buildThread', () => {
  const day = (iso: string) => iso.slice(0, 10);

  it('puts a day heading before the first message of each day', () => {
    const items = buildThread(
      [msg({ createdAt: '2026-03-01T23:00:00.000Z' }), msg({ createdAt: '2026-03-02T08:00:00.000Z' }), msg({ createdAt: '2026-03-02T09:00:00.000Z' })],
      day,
    );
    expect(items.map((i) => i.type)).toEqual(['day', 'message', 'day', 'message', 'message']);
  });

  it('quotes the parent of a reply unless it is the message just above', () => {
    const root = msg({ externalId: 'root' });
    const other = msg({ externalId: 'other', parentExternalId: 'root' });
    const answer = msg({ externalId: 'answer', parentExternalId: 'root' });
    const orphan = msg({ externalId: 'orphan', parentExternalId: 'not-here' });
    const items = buildThread([root, other, answer, orphan], day).filter((i) => i.type === 'message');
    expect(items.map((i) => (i.type === 'message' ? (i.parent?.id ?? null) : 'day'))).toEqual([null, null, root.id, null]);
  });
});

describe('quoteOf', () => {
  it('keeps the first line and cuts long ones with an ellipsis', () => {
    expect(quoteOf('first line\nsecond')).toBe('first line');
    expect(quoteOf('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('isAtBottom', () => {
  it('counts a box within the slack of its end as at the bottom', () => {
    expect(isAtBottom({ scrollTop: 560, scrollHeight: 1000, clientHeight: 400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 100, scrollHeight: 1000, clientHeight: 400 })).toBe(false);
  });
});

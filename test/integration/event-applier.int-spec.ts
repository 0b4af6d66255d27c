import { RoutingModule } from '@app/routing';
import { DataSource } from 'typeorm';
import { ChannelsService, type Channel, type NormalizedEvent } from '@app/channels';
import { InboxModule } from '@app/inbox';
import { applyEvent } from '../../libs/inbox/src/ingest/event-applier';
import { NO_ROUTING } from '../../libs/inbox/src/ingest/conversation-router';
import { ChangeSet } from '../../libs/inbox/src/events/change-set';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { IdentityApp, startIdentityApp } from './identity-app';

/** The processor's write path on a real PostgreSQL: idempotent under redelivery and under concurrency. */
describe('applyEvent', () => {
  let db: TestDatabase;
  let app: IdentityApp;
  let ds: DataSource;
  let channel: Channel;
  const received = new Date('2026-03-01T10:00:00.000Z');
  const ev = (fields: Partial<NormalizedEvent>): NormalizedEvent => ({
    op: 'create',
    kind: 'message',
    externalId: 'm-1',
    author: { id: 'person-1', name: 'Luca' },
    text: 'ciao',
    attachments: [],
    occurredAt: '2026-03-01T09:59:00.000Z',
    isEcho: false,
    ...fields,
  });
  const apply = (event: NormalizedEvent) => ds.transaction((m) => applyEvent(m, channel, event, received, new ChangeSet(), NO_ROUTING));
  const count = async (table: string) => Number((await ds.query(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1`, [channel.workspaceId]))[0].n);
  const message = async (externalId: string) => (await ds.query(`SELECT * FROM messages WHERE channel_id = $1 AND external_id = $2`, [channel.id, externalId]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startIdentityApp(db.url, { imports: [InboxModule, RoutingModule] });
    ds = app.get(DataSource);
    const [ws] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Applier') RETURNING id`);
    const channels = app.get(ChannelsService);
    const view = await channels.create(ws.id, { type: 'api', name: 'applier', config: { secret: 's' } });
    channel = (await channels.forWork(ws.id, view.id))!;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('stores one message', async () => {
    await apply(ev({ externalId: 'single-1', author: { id: 'single' } }));
    expect((await message('single-1')).text).toBe('ciao');
  });

  it('stores one message, one conversation and one contact when the same event is applied concurrently', async () => {
    await Promise.all(Array.from({ length: 6 }, () => apply(ev({ externalId: 'race-1', author: { id: 'racer' }, threadKey: 'dm:racer' }))));
    expect(Number((await ds.query(`SELECT count(*) AS n FROM messages WHERE external_id = 'race-1'`))[0].n)).toBe(1);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM conversations WHERE thread_key = 'dm:racer'`))[0].n)).toBe(1);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM contact_identities WHERE external_id = 'racer'`))[0].n)).toBe(1);
  });

  it('leaves no empty conversation when another thread stores the same message first', async () => {
    // The first transaction holds the message, uncommitted; the second, for another thread, does not see it yet,
    // starts its conversation, then waits on the message's key and finds it taken once the first commits.
    const first = ds.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      await applyEvent(first.manager, channel, ev({ externalId: 'same-1', author: { id: 'twin' }, threadKey: 'root:x' }), received, new ChangeSet(), NO_ROUTING);
      const second = apply(ev({ externalId: 'same-1', author: { id: 'twin' }, threadKey: 'root:y' }));
      await new Promise((r) => setTimeout(r, 300));
      await first.commitTransaction();
      await second;
    } finally {
      await first.release();
    }
    const threads = await ds.query(`SELECT thread_key, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)::int AS messages FROM conversations c WHERE channel_id = $1 AND thread_key IN ('root:x', 'root:y')`, [channel.id]);
    expect(threads).toEqual([{ thread_key: 'root:x', messages: 1 }]);
  });

  it('puts concurrent messages of one DM thread into one conversation', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((x) => apply(ev({ externalId: `dm-${x}`, author: { id: 'dm-person' } }))));
    const rows = await ds.query(`SELECT DISTINCT conversation_id FROM messages WHERE external_id LIKE 'dm-_'`);
    expect(rows).toHaveLength(1);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND merged_into_id IS NULL`, [channel.workspaceId]))[0].n)).toBe(
      await count('contact_identities'),
    );
  });

  it('keeps the edited text when the edit arrives before the original, and a repeated edit changes nothing', async () => {
    await apply(ev({ externalId: 'ooo', op: 'edit', text: 'edited text' }));
    await apply(ev({ externalId: 'ooo', op: 'create', text: 'original text' }));
    await apply(ev({ externalId: 'ooo', op: 'edit', text: 'edited text' }));
    const row = await message('ooo');
    expect(row).toMatchObject({ text: 'edited text', edited: true, edit_history: [] });
    await apply(ev({ externalId: 'ooo', op: 'edit', text: 'edited twice' }));
    expect((await message('ooo')).edit_history).toEqual([{ text: 'edited text', replacedAt: received.toISOString() }]);
  });

  it('moves delivery statuses only forward and records the failure reason', async () => {
    await apply(ev({ externalId: 'out-1', isEcho: true, counterpart: { id: 'status-person' }, author: { id: 'brand' } }));
    expect((await message('out-1')).delivery_status).toBe('sent');
    await apply(ev({ op: 'status', externalId: 'out-1', status: 'read' }));
    await apply(ev({ op: 'status', externalId: 'out-1', status: 'delivered' }));
    expect((await message('out-1')).delivery_status).toBe('read');
    await apply(ev({ externalId: 'out-2', isEcho: true, counterpart: { id: 'status-person' }, author: { id: 'brand' } }));
    await apply(ev({ op: 'status', externalId: 'out-2', status: 'failed', statusError: '131047: Re-engagement message' }));
    expect(await message('out-2')).toMatchObject({ delivery_status: 'failed', delivery_error: '131047: Re-engagement message' });
  });

  it('marks a message deleted, keeps its text, and remembers the delete of a message that arrives later', async () => {
    await apply(ev({ externalId: 'del-1', text: 'to be deleted' }));
    await apply(ev({ op: 'delete', externalId: 'del-1', text: '' }));
    expect(await message('del-1')).toMatchObject({ deleted: true, text: 'to be deleted' });
    const before = await count('messages');
    await apply(ev({ op: 'delete', externalId: 'never-seen', text: '' }));
    expect(await count('messages')).toBe(before);
    // Out of order: the message the delete was for arrives afterwards, and is born deleted.
    await apply(ev({ externalId: 'never-seen', text: 'late original' }));
    expect(await message('never-seen')).toMatchObject({ deleted: true, text: 'late original' });
  });

  it('drops an echo with no thread to join and no customer to start one with', async () => {
    const before = await count('conversations');
    await apply(ev({ externalId: 'lonely-echo', isEcho: true, kind: 'comment', author: { id: 'brand' } }));
    expect(await count('conversations')).toBe(before);
    expect(await message('lonely-echo')).toBeUndefined();
  });
});

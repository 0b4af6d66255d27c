import { RoutingModule } from '@app/routing';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChannelsService } from '@app/channels';
import { EventProcessorService, InboxModule } from '@app/inbox';
import { readAfter } from '@app/realtime';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { IdentityApp, startIdentityApp } from './identity-app';

/** Several stored events per transaction: each stands or falls alone, and their events are logged in order. */
describe('EventProcessorService', () => {
  let db: TestDatabase;
  let app: IdentityApp;
  let ds: DataSource;
  let workspaceId: string;
  let channelId: string;
  let n = 0;
  const store = async (body: string) => {
    const bytes = Buffer.from(body);
    await ds.query(
      `INSERT INTO webhook_events (workspace_id, channel_id, source, content_type, body, body_sha256, received_at)
       VALUES ($1, $2, 'webhook', 'application/json', $3, $4, now() + make_interval(secs => $5))`,
      [workspaceId, channelId, bytes, createHash('sha256').update(bytes).digest('hex'), ++n / 1000],
    );
  };
  const message = (id: string, text: string) =>
    JSON.stringify({ id, kind: 'comment', threadId: 'batch-thread', author: { id: 'batch-customer', name: 'Batch' }, text, createdAt: `2026-03-01T10:00:0${n % 10}.000Z` });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startIdentityApp(db.url, { imports: [InboxModule, RoutingModule], env: { PROCESSOR_CONCURRENCY: '1', RETRY_MAX_ATTEMPTS: '1' } });
    ds = app.get(DataSource);
    [{ id: workspaceId }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Batch') RETURNING id`);
    channelId = (await app.get(ChannelsService).create(workspaceId, { type: 'api', name: 'batch', config: { secret: 's' } })).id;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('applies a batch with a poisoned event in the middle: the others land, in order, and only it fails', async () => {
    await store(message('b-1', 'one'));
    await store(message('b-2', 'two'));
    await store('{"this is": "not an api event"}');
    await store(message('b-3', 'three'));
    expect(await app.get(EventProcessorService).tick()).toBe(4);

    const statuses = await ds.query(`SELECT status, last_error FROM webhook_events WHERE workspace_id = $1 ORDER BY received_at`, [workspaceId]);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['processed', 'processed', 'failed', 'processed']);
    expect(statuses[2].last_error).toBeTruthy();

    const log = await readAfter(ds, workspaceId, 0, 100);
    expect(log.map((e) => e.type)).toEqual(['conversation.created', 'message.created', 'message.created', 'message.created']);
    expect(log.map((e) => (e.payload.message as { text?: string } | undefined)?.text ?? null)).toEqual([null, 'one', 'two', 'three']);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM messages WHERE workspace_id = $1`, [workspaceId]))[0].n)).toBe(3);
  });

  it('retries an event that lost a deadlock without spending its one attempt', async () => {
    // A real 40P01 from PostgreSQL, raised by a trigger the first time this message is inserted: what a lane that
    // took a hot conversation in the other order than its neighbour gets.
    await ds.query(`CREATE TABLE deadlocked_once (external_id text PRIMARY KEY)`);
    await ds.query(`
      CREATE FUNCTION deadlock_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.external_id = 'dl-1' AND NOT EXISTS (SELECT 1 FROM deadlocked_once) THEN
          INSERT INTO deadlocked_once VALUES (NEW.external_id);
          RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$`);
    await ds.query(`CREATE TRIGGER deadlock_once BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION deadlock_once()`);
    try {
      await store(message('dl-1', 'after a deadlock'));
      const processor = app.get(EventProcessorService);
      await processor.tick();
      // The trigger's own insert rolled back with the savepoint: mark the clash as happened, as a deadlock would have.
      await ds.query(`INSERT INTO deadlocked_once VALUES ('dl-1')`);
      const [pending] = await ds.query(`SELECT status, attempts FROM webhook_events WHERE convert_from(body, 'UTF8') LIKE '%dl-1%'`);
      expect(pending).toEqual({ status: 'pending', attempts: 0 });
      await new Promise((r) => setTimeout(r, 150));
      await processor.tick();
      const [done] = await ds.query(`SELECT status FROM webhook_events WHERE convert_from(body, 'UTF8') LIKE '%dl-1%'`);
      expect(done.status).toBe('processed');
      expect(await ds.query(`SELECT text FROM messages WHERE external_id = 'dl-1'`)).toEqual([{ text: 'after a deadlock' }]);
    } finally {
      await ds.query(`DROP TRIGGER deadlock_once ON messages`);
    }
  });
});

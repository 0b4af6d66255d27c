import { DataSource } from 'typeorm';
import { appendEvents, logBounds, readAfter, readVisibleAfter, type NewEvent } from '@app/realtime';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { IdentityApp, startIdentityApp } from './identity-app';

const note = (roleIds: string[] = [], userIds: string[] = []): NewEvent => ({ type: 'message.created', conversationId: null, roleIds, userIds, payload: { n: 1 } });
const ROLE_A = '11111111-1111-4111-8111-111111111111';
const ROLE_B = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';

/** The event log's promise: per workspace, seqs one by one, visible only committed and never with a hole. */
describe('event log', () => {
  let db: TestDatabase;
  let app: IdentityApp;
  let ds: DataSource;
  let ws: string;
  let other: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startIdentityApp(db.url);
    ds = app.get(DataSource);
    [{ id: ws }, { id: other }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Log'), ('Other') RETURNING id`);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('hands out consecutive seqs per workspace under concurrency, and a reader never sees a hole', async () => {
    let stop = false;
    const holes: string[] = [];
    // A reader polling the whole time: whatever prefix it sees must be 1..n without gaps.
    const reader = (async () => {
      while (!stop) {
        const seen = (await readAfter(ds, ws, 0, 100_000)).map((e) => e.seq);
        if (seen.some((s, i) => s !== i + 1)) holes.push(JSON.stringify(seen.slice(0, 20)));
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ds.transaction(async (m) => {
          await appendEvents(m, ws, [note(), note()]);
          // Hold the transaction open a little so others queue on the counter behind it.
          await m.query(`SELECT pg_sleep(${(i % 4) / 1000})`);
        }),
      ),
    );
    await appendEvents(ds.manager, other, [note()]);
    stop = true;
    await reader;
    expect(holes).toEqual([]);
    expect((await readAfter(ds, ws, 0, 1_000)).map((e) => e.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(await logBounds(ds, other)).toEqual({ head: 1, oldest: 1 });
  });

  it('forgets what a rolled-back transaction logged, seq included', async () => {
    const before = (await logBounds(ds, ws)).head;
    await ds
      .transaction(async (m) => {
        await appendEvents(m, ws, [note()]);
        throw new Error('abort');
      })
      .catch(() => undefined);
    await appendEvents(ds.manager, ws, [note()]);
    const after = await readAfter(ds, ws, before, 10);
    expect(after.map((e) => e.seq)).toEqual([before + 1]);
  });

  it("pages an agent's replay over only what it may see, and says how far it scanned", async () => {
    const start = (await logBounds(ds, ws)).head;
    await appendEvents(ds.manager, ws, [note([ROLE_A]), note([ROLE_B]), note([ROLE_B], [USER]), note([ROLE_B]), note([ROLE_A])]);
    const agent = { userId: USER, all: false, roleIds: new Set([ROLE_A]) };
    const first = await readVisibleAfter(ds, ws, agent, start, 3);
    expect(first.events.map((e) => e.seq - start)).toEqual([1, 3]);
    expect(first).toMatchObject({ scannedTo: start + 3, full: true });
    const second = await readVisibleAfter(ds, ws, agent, first.scannedTo, 3);
    expect(second.events.map((e) => e.seq - start)).toEqual([5]);
    expect(second).toMatchObject({ scannedTo: start + 5, full: false });
    const lead = await readVisibleAfter(ds, ws, { userId: USER, all: true, roleIds: new Set<string>() }, start, 10);
    expect(lead.events).toHaveLength(5);
  });
});

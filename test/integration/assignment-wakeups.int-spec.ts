import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/db/src/data-source.options';
import { runMigrations } from '../../libs/db/src/migrate';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { AssignmentWakeups } from '../../libs/routing/src/auto-assign/assignment-wakeups';

/**
 * The wake-up hints the database's triggers leave for automatic assignment, claimed while other transactions are
 * still writing: a wake-up of a transaction in flight must survive a claim that cannot see it.
 */
describe('assignment wake-ups', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let wakeups: AssignmentWakeups;
  let workspaceId: string;
  let channelId: string;
  let roleId: string;
  const open: QueryRunner[] = [];

  const queueConversation = (q: DataSource | QueryRunner) => {
    const key = randomUUID();
    return q.query(
      `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, role_id)
       VALUES ($1, $2, 'api', 'comment', $3, $3, now(), $4)`,
      [workspaceId, channelId, key, roleId],
    );
  };
  const transaction = async (): Promise<QueryRunner> => {
    const runner = ds.createQueryRunner();
    open.push(runner);
    await runner.connect();
    await runner.startTransaction();
    return runner;
  };
  const pending = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM assignment_wakeups WHERE role_id = $1`, [roleId]))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    await runMigrations(ds);
    wakeups = new AssignmentWakeups(ds);
    [{ id: workspaceId }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Wake-ups') RETURNING id`);
    [{ id: channelId }] = await ds.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', 'api', 'x') RETURNING id`, [workspaceId]);
    [{ id: roleId }] = await ds.query(`INSERT INTO roles (workspace_id, name) VALUES ($1, 'Front line') RETURNING id`, [workspaceId]);
  });
  afterEach(async () => {
    for (const runner of open.splice(0)) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await wakeups.claim();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps the wake-up of a transaction that queued a conversation while a claim took the role\'s earlier one', async () => {
    await queueConversation(ds);
    const writer = await transaction();
    await queueConversation(writer);
    // The claim cannot see the writer's conversation, so neither can the pass that follows it...
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
    await writer.commitTransaction();
    // ...and the writer's own wake-up is still there, for the pass that can.
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
    expect(await wakeups.claim()).toEqual([]);
  });

  it('claims a role once however many transactions woke it; one transaction wakes it once', async () => {
    const writer = await transaction();
    await queueConversation(writer);
    await queueConversation(writer);
    await writer.commitTransaction();
    await queueConversation(ds);
    expect(await pending()).toBe(2);
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
    expect(await pending()).toBe(0);
  });

  it('sweeps a role with a queue and someone online back in line, once', async () => {
    await queueConversation(ds);
    const [{ id: userId }] = await ds.query(`INSERT INTO users (email, name, password_hash) VALUES ('sweep@example.com', 'Sweep', 'x') RETURNING id`);
    await ds.query(`INSERT INTO memberships (workspace_id, user_id, access) VALUES ($1, $2, 'agent')`, [workspaceId, userId]);
    await ds.query(`INSERT INTO role_members (workspace_id, role_id, user_id) VALUES ($1, $2, $3)`, [workspaceId, roleId, userId]);
    await ds.query(`INSERT INTO user_presence (workspace_id, user_id, status) VALUES ($1, $2, 'online')`, [workspaceId, userId]);
    // Waiting already (the triggers woke it): nothing to add.
    expect(await wakeups.sweep()).toBe(0);
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
    expect(await wakeups.sweep()).toBe(1);
    expect(await wakeups.sweep()).toBe(0);
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
  });

  it('puts a contended role back once, and not beside a wake-up already waiting', async () => {
    await wakeups.requeue([{ workspaceId, roleId }]);
    await wakeups.requeue([{ workspaceId, roleId }]);
    expect(await pending()).toBe(1);
    expect(await wakeups.claim()).toEqual([{ workspaceId, roleId }]);
    expect(await wakeups.claim()).toEqual([]);
  });
});

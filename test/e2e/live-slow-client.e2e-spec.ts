import { randomUUID } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { Client } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import { bearer } from '../support/http';
import { createChannel } from '../support/inbox';
import { connected } from '../support/live';

jest.setTimeout(60_000);

/**
 * A client that stops reading must not make the server buffer without bound: past SOCKET_MAX_QUEUED_PACKETS it
 * is disconnected, and when it comes back with its lastSeq it gets everything, paced, once.
 */
describe('live desk: a client that stops reading', () => {
  let desk: TestDesk;
  let sql: Client;

  beforeAll(async () => {
    desk = await startTestDesk({ SOCKET_MAX_QUEUED_PACKETS: '500' });
    sql = new Client({ connectionString: desk.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await desk.shutdown();
  });

  it('is cut off once too much waits for it, then replays all it missed on reconnect', async () => {
    const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    const workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId as string;
    const channel = await createChannel(desk, admin, 'api');
    const role = (await desk.http().post('/api/roles').set(bearer(admin)).send({ name: 'Bulk', assignment: 'manual' })).body.id as string;
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, subject)
       SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now(), repeat('a long subject to fill the pipe ', 40)
       FROM generate_series(1, 1000) AS g RETURNING id`,
      [workspaceId, channel.id, randomUUID()],
    );
    const ids = rows.map((r) => r.id);

    const slow = await connected(desk.url, { token: admin });
    const lastSeq = (slow.received.find((r) => r.name === 'replay.done')!.body.seq as number) ?? 0;
    const closed = new Promise<string>((resolve) => slow.socket.once('disconnect', (reason) => resolve(reason)));
    // Stop reading at the TCP level: the kernel buffers fill, then the server's queue for this socket grows.
    const tcp = (slow.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
    tcp.pause();
    for (let round = 0; round < 6; round++) {
      const body = { conversationIds: ids, ...(round % 2 === 0 ? { roleId: role } : { roleId: null }), reason: `round ${round}` };
      expect((await desk.http().post('/api/conversations/bulk-assignment').set(bearer(admin)).send(body)).status).toBe(200);
    }
    const head = Number((await sql.query(`SELECT last_seq FROM event_sequences WHERE workspace_id = $1`, [workspaceId])).rows[0].last_seq);
    tcp.resume();
    expect(await closed).toBe('io server disconnect');

    const back = await connected(desk.url, { token: admin, lastSeq });
    // The replay may hand over to the live stream before the last of them: wait for the head, then count.
    await back.waitFor((r) => r.body?.seq === head, 20_000, `seq ${head}`);
    const seqs = back.logged().map((r) => r.body.seq as number);
    expect(seqs).toEqual(Array.from({ length: head - lastSeq }, (_, i) => lastSeq + 1 + i));
    back.close();
  });
});

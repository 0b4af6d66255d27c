import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationsOf, createChannel, deliver, eventually, TestChannel } from '../support/inbox';
import { connected, refused } from '../support/live';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('live desk over socket.io', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  let n = 0;
  const inbound = (thread: string, text: string) =>
    deliver(
      desk,
      channel,
      JSON.stringify({
        id: `live-${++n}`,
        kind: 'comment',
        threadId: thread,
        author: { id: `cust-${thread}`, name: `Customer ${thread}`, followers: 10 },
        text,
        createdAt: new Date().toISOString(),
      }),
    );

  beforeAll(async () => {
    desk = await startTestDesk({ PRESENCE_GRACE_MS: '300' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'api');
  });
  afterAll(() => desk.shutdown());

  it('refuses a missing, tampered or expired token with connect_error and a code', async () => {
    expect((await refused(desk.url, {})).data?.code).toBe('TOKEN_MISSING');
    const tampered = admin.slice(0, -3) + (admin.endsWith('abc') ? 'xyz' : 'abc');
    expect((await refused(desk.url, { token: tampered })).data?.code).toBe('TOKEN_INVALID');
    expect((await refused(desk.url, { token: 'not-a-jwt' })).data?.code).toBe('TOKEN_INVALID');
    expect((await refused(desk.url, { token: admin, lastSeq: 'soon' })).data?.code).toBe('VALIDATION_FAILED');
  });

  it('pushes a new conversation and its message to an admin as soon as the webhook is answered', async () => {
    const live = await connected(desk.url, { token: admin });
    const res = await inbound('t-first', 'Hello live desk');
    expect(res.status).toBe(200);
    const answered = Date.now();
    const created = await live.waitFor((r) => r.name === 'conversation.created');
    const message = await live.waitFor((r) => r.name === 'message.created');
    expect(created.body).toMatchObject({ type: 'conversation.created', workspaceId: expect.any(String), conversation: { channelId: channel.id, status: 'open' } });
    expect(message.body).toMatchObject({ conversationId: created.body.conversation.id, message: { text: 'Hello live desk', direction: 'inbound' } });
    expect(message.body.seq).toBe(created.body.seq + 1);
    expect(message.at - answered).toBeLessThan(2_000);
    live.close();
  });
});

import { createHmac } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationDetail, conversationsOf, createChannel, post as postRaw, settled, TestChannel } from '../support/inbox';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const sign = (secret: string, body: Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Every kind of bad delivery gets its clear answer, stores nothing, and leaves the desk working. */
describe('webhook: bad input', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  const stored = async () => (await desk.http().get(`/api/channels/${channel.id}/events`).set(bearer(admin))).body.items.length as number;
  const post = (body: Buffer, headers: Record<string, string>) => postRaw(desk, channel.id, body, { 'content-type': 'application/json', ...headers });
  const signed = (body: Buffer) => post(body, { 'X-Signature': sign('api-channel-secret', body) });
  const expectAnswer = (res: { status: number; body: { code?: string; stack?: unknown } }, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  };

  beforeAll(async () => {
    desk = await startTestDesk();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'api');
  });
  afterAll(() => desk.shutdown());

  it('refuses missing and wrong signatures with 401 and 403, storing nothing', async () => {
    const body = Buffer.from(JSON.stringify({ id: 'sig-1', kind: 'comment', author: { id: 'a' }, text: 'hi' }));
    expectAnswer(await post(body, {}), 401, 'SIGNATURE_MISSING');
    expectAnswer(await post(body, { 'X-Signature': sign('wrong-secret', body) }), 403, 'SIGNATURE_INVALID');
    expectAnswer(await post(body, { 'X-Signature': 'sha256=zz' }), 403, 'SIGNATURE_INVALID');
    const tampered = Buffer.from(body.toString().replace('hi', 'ho'));
    expectAnswer(await post(tampered, { 'X-Signature': sign('api-channel-secret', body) }), 403, 'SIGNATURE_INVALID');
    expect(await stored()).toBe(0);
  });

  it('answers 404 for unknown channels, whatever the id looks like', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00']) {
      const res = await desk.http().post(`/webhooks/${id}`).set('Content-Type', 'application/json').send('{}');
      expectAnswer(res, 404, 'CHANNEL_NOT_FOUND');
    }
    expectAnswer(await desk.http().get('/webhooks/00000000-0000-4000-8000-000000000000?hub.challenge=1'), 404, 'CHANNEL_NOT_FOUND');
  });

  it('answers 400 for signed bodies that are not JSON, not UTF-8 or not the event format', async () => {
    expectAnswer(await signed(Buffer.from('{"id": "x", ')), 400, 'WEBHOOK_UNPARSEABLE');
    expectAnswer(await signed(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400, 'WEBHOOK_UNPARSEABLE');
    expectAnswer(await signed(Buffer.from(JSON.stringify({ id: 'no-text', kind: 'comment', author: { id: 'a' } }))), 400, 'WEBHOOK_UNPARSEABLE');
    expectAnswer(await signed(Buffer.from('[]')), 400, 'WEBHOOK_UNPARSEABLE');
    const deep = '{"id":"deep","kind":"comment","author":{"id":"a"},"text":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expectAnswer(await signed(Buffer.from(deep)), 400, 'WEBHOOK_UNPARSEABLE');
    const deeper = '['.repeat(200_000) + ']'.repeat(200_000);
    expectAnswer(await signed(Buffer.from(deeper)), 400, 'WEBHOOK_UNPARSEABLE');
    expect(await stored()).toBe(0);
  });

  it('answers 413 for bodies over 1 MiB', async () => {
    const big = Buffer.from(JSON.stringify({ id: 'big', kind: 'comment', author: { id: 'a' }, text: 'x'.repeat(1_100_000) }));
    const res = await signed(big);
    expectAnswer(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await stored()).toBe(0);
  });

  it('keeps a 4,000-character text with emoji, right-to-left script and a NUL exactly (minus the NUL)', async () => {
    const unit = 'مرحبا بكم 👋🏽 שלום 🇮🇹 ';
    const text = unit.repeat(Math.ceil(4000 / unit.length)).slice(0, 3990) + 'end\u0000!';
    const body = Buffer.from(JSON.stringify({ id: 'long-1', kind: 'message', author: { id: 'rtl', name: 'نور\u0000' }, text }));
    expect((await signed(body)).status).toBe(200);
    expect((await signed(body)).body).toMatchObject({ received: true, duplicate: true });
    expect(await settled(desk, admin, channel.id)).toEqual([]);
    const [conversation] = await conversationsOf(desk, admin, { channelId: channel.id });
    const detail = await conversationDetail(desk, admin, conversation!.id);
    expect(detail.messages[0]!.text).toBe(text.replace('\u0000', ''));
    expect(detail.contact.name).toBe('نور');
    expect(await stored()).toBe(1);
  });

  it('still serves after all of it', async () => {
    expect((await desk.http().get('/health')).status).toBe(200);
  });
});

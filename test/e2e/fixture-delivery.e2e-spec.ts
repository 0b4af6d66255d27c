import type { ChannelType } from '../../libs/channels/src';
import { FIXTURES_DIR, fixtureBytes, type FixturePlatform } from '../../libs/channels/src/testing/fixtures';
import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationDetail, conversationsOf, createChannel, deliver, deliverFixture, eventually, FIXTURE_CONFIG, post, settled, TestChannel } from '../support/inbox';

type Detail = Awaited<ReturnType<typeof conversationDetail>>;

/**
 * Every webhook fixture of every platform, delivered three times through the real endpoint with a correct
 * signature, makes the conversations, contacts and messages its README describes, once.
 */
describe('every fixture, delivered three times', () => {
  let desk: TestDesk;
  let fake: FakePlatform;
  let admin: string;
  const channels = new Map<ChannelType, TestChannel>();
  const files = (platform: FixturePlatform) => readdirSync(join(FIXTURES_DIR, platform)).filter((f) => f.endsWith('.json')).sort();

  /** Delivers every fixture of the platforms three times and returns the channel's conversations in detail. */
  const deliverAll = async (type: ChannelType, platforms: FixturePlatform[], skip: string[] = []): Promise<Detail[]> => {
    const channel = channels.get(type)!;
    for (const platform of platforms) {
      for (const file of files(platform).filter((f) => !skip.includes(f))) {
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await deliverFixture(desk, channel, platform, file));
        expect({ file, statuses: answers.map((a) => a.status) }).toEqual({ file, statuses: [200, 200, 200] });
        expect(answers.slice(1).map((a) => a.body.duplicate)).toEqual([true, true]);
      }
    }
    expect(await settled(desk, admin, channel.id)).toEqual([]);
    return details(channel.id);
  };
  const details = async (channelId: string) =>
    Promise.all((await conversationsOf(desk, admin, { channelId })).map((c) => conversationDetail(desk, admin, c.id)));
  const holding = (all: Detail[], externalId: string) => {
    const found = all.find((c) => c.messages.some((m) => m.externalId === externalId));
    if (!found) throw new Error(`no conversation holds ${externalId}`);
    return { conversation: found, message: found.messages.find((m) => m.externalId === externalId)! };
  };
  const allExternalIds = (all: Detail[]) => all.flatMap((c) => c.messages.map((m) => m.externalId));

  beforeAll(async () => {
    fake = await startFakePlatform();
    // The fixtures were signed in 2024: the freshness window would refuse the Mailgun one.
    desk = await startTestDesk({ WORKER_POLL_MS: '50', RETRY_BASE_MS: '50', WEBHOOK_MAX_AGE_SECONDS: '0' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const type of ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'linkedin', 'email'] as ChannelType[]) {
      channels.set(type, await createChannel(desk, admin, type, { ...FIXTURE_CONFIG[type], apiBaseUrl: fake.baseUrls[type] }));
    }
  });
  afterAll(async () => {
    await desk.shutdown();
    await fake.close();
  });

  it('Facebook Page comments and Messenger', async () => {
    const all = await deliverAll('facebook', ['facebook_page', 'messenger']);
    expect(all).toHaveLength(4);
    const giulia = holding(all, '987654321098765_1122334455667788');
    expect(giulia.conversation).toMatchObject({ kind: 'comment', contact: { name: 'Giulia Rossi' } });
    expect(giulia.message).toMatchObject({
      text: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto? (e a pranzo?)',
      edited: true,
      previousTexts: [expect.objectContaining({ text: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto?' })],
    });
    const mark = holding(all, '987654321098765_1122334455669999');
    expect(mark.conversation.id).toBe(giulia.conversation.id);
    expect(mark.message).toMatchObject({ deleted: true, author: { type: 'contact', name: 'Mark Thompson' } });
    expect(holding(all, '987654321098765_1122334455670555')).toMatchObject({ conversation: { id: giulia.conversation.id }, message: { direction: 'outbound', author: { type: 'business' } } });
    expect(holding(all, '987654321098765_1122334455670001').message.attachments).toHaveLength(1);
    expect(holding(all, '987654321098765_1122334455671234').message.text).toBe('Prenotato per stasera 🍕🍷 grazie!');
    const dm = all.find((c) => c.kind === 'message')!;
    expect(dm.messages).toHaveLength(4);
    expect(dm.messages.filter((m) => m.direction === 'outbound').map((m) => m.author.type)).toEqual(['business']);
    expect(dm.messages.find((m) => m.text.includes('persone'))).toMatchObject({ text: expect.stringContaining('5 persone'), edited: true });
    expect(dm.messages.find((m) => m.attachments.length === 2)).toBeDefined();
    expect(dm.messages.find((m) => m.text.startsWith('Perfetto'))!.parentExternalId).toBe(dm.messages.find((m) => m.direction === 'outbound')!.externalId);
  });

  it('Facebook deliveries signed as the README says pass; a wrong signature stores nothing', async () => {
    const channel = channels.get('facebook')!;
    const body = fixtureBytes('facebook_page', 'comment_add.json');
    const readme = 'sha256=e7d7094842e3001e90a0ab246a6d00805f17bfc1ea0bad01741150250cf19584';
    expect((await post(desk, channel.id, body, { 'content-type': 'application/json', 'x-hub-signature-256': readme })).body).toMatchObject({ duplicate: true });
    const wrong = await post(desk, channel.id, Buffer.concat([body, Buffer.from(' ')]), { 'content-type': 'application/json', 'x-hub-signature-256': readme });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'SIGNATURE_INVALID' });
    const handshake = await desk.http().get(`/webhooks/${channel.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'fb-verify-token', 'hub.challenge': '1158201444' });
    expect({ status: handshake.status, text: handshake.text }).toEqual({ status: 200, text: '1158201444' });
    expect((await desk.http().get(`/webhooks/${channel.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' })).status).toBe(403);
  });

  it('Instagram comments, a mention completed from the Graph API, and DMs', async () => {
    const all = await deliverAll('instagram', ['instagram']);
    const thread = holding(all, '18012345678901234').conversation;
    expect(thread.messages.map((m) => m.externalId)).toEqual(['18012345678901234', '18012345678905678']);
    expect(thread.contact).toMatchObject({ username: 'giulia.rossi.92' });
    expect(holding(all, '18012345678909999').conversation.id).not.toBe(thread.id);
    expect(holding(all, '17866554433221100')).toMatchObject({ conversation: { kind: 'mention' }, message: { text: expect.stringContaining('spettacolare') } });
    const dm = all.find((c) => c.kind === 'message')!;
    expect(dm.messages).toHaveLength(2);
    expect(dm.messages.find((m) => m.attachments.length > 0)!.deleted).toBe(true);
    expect(all).toHaveLength(4);
  });

  it('WhatsApp messages in one thread; statuses for unknown messages create nothing', async () => {
    const all = await deliverAll('whatsapp', ['whatsapp']);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'message', contact: { name: 'Luca Bianchi' } });
    expect(all[0]!.messages).toHaveLength(4);
    expect(all[0]!.messages.map((m) => m.text)).toEqual(expect.arrayContaining([expect.stringContaining('ordine #4521'), 'Il pacco è arrivato danneggiato 😞']));
    expect(Math.max(...all[0]!.messages.map((m) => m.text.length))).toBeGreaterThan(2000);
  });

  it('X mentions, replies, deletes and DMs', async () => {
    const all = await deliverAll('x', ['x_twitter']);
    expect(holding(all, '1801234567890123456')).toMatchObject({ conversation: { kind: 'mention', contact: { username: 'giuliarossi92', followers: 1843 } }, message: { deleted: true } });
    const reply = holding(all, '1801234999990001112');
    expect(reply.message).toMatchObject({ parentExternalId: '1800999888777666555', text: expect.stringContaining('gluten-free option for the carbonara') });
    expect(reply.message.text.startsWith('@')).toBe(false);
    expect(reply.conversation.contact).toMatchObject({ username: 'markthompson_uk', followers: 23411 });
    expect(all.filter((c) => c.kind === 'message')).toHaveLength(2);
    expect(holding(all, '1801240999888777666').message.text).toBe("Here's the receipt, I was charged twice 😕");
    expect(all).toHaveLength(4);
  });

  it('Telegram private chats, edits, group replies and channel posts', async () => {
    const all = await deliverAll('telegram', ['telegram']);
    const chat = holding(all, '123456789:52');
    expect(chat.conversation).toMatchObject({ kind: 'message', contact: { username: 'giuliarossi' } });
    expect(chat.message).toMatchObject({ text: 'Ciao! Avete opzioni vegane o senza lattosio? 🌱🥛', edited: true });
    expect(holding(all, '123456789:53').conversation.id).toBe(chat.conversation.id);
    expect(holding(all, '-1001234567890:1204').message.parentExternalId).toBe('-1001234567890:1199');
    expect(holding(all, '-1009876543210:310').message.text).toContain('musica dal vivo');
    expect(all).toHaveLength(3);
  });

  it('LinkedIn comments, their deletion, and share mentions', async () => {
    const all = await deliverAll('linkedin', ['linkedin']);
    expect(all).toHaveLength(2);
    expect(all.find((c) => c.kind === 'comment')!.messages[0]).toMatchObject({ deleted: true, text: expect.stringContaining('55 anni') });
    expect(all.find((c) => c.kind === 'mention')!.messages[0]!.text).toContain('Great team lunch');
  });

  it('E-mail: Postmark threads by subject from the same sender, attachments, and Mailgun forms', async () => {
    const all = await deliverAll('email', ['email'], ['mailgun_forward_form_fields.json']);
    const dinner = holding(all, '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>').conversation;
    expect(dinner).toMatchObject({ kind: 'message', subject: 'Private dinner for 20 people – 14 September', contact: { name: 'Emma Clarke' } });
    // The reply names a token and a Message-ID of ours that this desk never sent; its subject, from the same sender, joins it.
    expect(dinner.messages).toHaveLength(2);
    expect(dinner.messages[1]!.text).toContain('Perfetto, il menu B va benissimo');
    expect(holding(all, '<20240611101530.5F2A1C0B9E@smtp.libero.example>').message.attachments).toEqual([expect.objectContaining({ name: 'ricevuta_bonifico.pdf' })]);
    expect(all).toHaveLength(2);

    const fields = JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8')) as Record<string, string>;
    const form = Buffer.from(new URLSearchParams(fields).toString());
    for (let i = 0; i < 3; i++) expect((await deliver(desk, channels.get('email')!, form, 'application/x-www-form-urlencoded')).status).toBe(200);
    await settled(desk, admin, channels.get('email')!.id);
    const after = await details(channels.get('email')!.id);
    expect(after).toHaveLength(3);
    expect(after.flatMap((c) => c.messages).filter((m) => m.text.includes('21:00'))).toHaveLength(1);
  });

  it('YouTube comment threads, polled from the API, with our own reply as an echo', async () => {
    const channel = await createChannel(desk, admin, 'youtube', { ...FIXTURE_CONFIG.youtube, apiBaseUrl: fake.baseUrls.youtube });
    const all = await eventually(async () => {
      await settled(desk, admin, channel.id);
      const found = await details(channel.id);
      return found.length >= 2 ? found : undefined;
    }, 20_000, 'YouTube conversations');
    const carbonara = holding(all, 'UgzKp4Qx9rN2mB7vL1Z4AaABAg').conversation;
    expect(carbonara.messages.length).toBeGreaterThan(1);
    expect(carbonara.messages.some((m) => m.author.type === 'business')).toBe(true);
    expect(allExternalIds(all).length).toBe(new Set(allExternalIds(all)).size);
    expect(all.flatMap((c) => c.messages).some((m) => m.text.startsWith('Che musica c'))).toBe(true);
  });
});

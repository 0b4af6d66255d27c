import { randomBytes } from 'node:crypto';
import { adapterFor } from '../../libs/channels/src';
import { signMailgunFields } from '../../libs/channels/src/adapters/email/mailgun-signature';
import { fixtureBytes } from '../../libs/channels/src/testing/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationDetail, conversationsOf, createChannel, FIXTURE_CONFIG, post, settled, TestChannel, type Delivered } from '../support/inbox';

/**
 * Mailgun signs only `timestamp` + `token`, not the mail: with the default WEBHOOK_MAX_AGE_SECONDS (15 minutes) a
 * Mailgun form is accepted only while its timestamp is fresh and only the first time its token is seen on the
 * channel; the very same bytes again stay a plain duplicate. Forms are signed here as Mailgun signs them, with the
 * fixture channel's key and a timestamp relative to now.
 */
describe('Mailgun replay protection (default window)', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  const key = String(FIXTURE_CONFIG.email.mailgunSigningKey);
  const fixtureFields = (): Record<string, string> => JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8'));
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const newToken = () => randomBytes(25).toString('hex'); // 50 characters, as Mailgun's
  const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(Object.entries(fields)).toString(), 'utf8');
  /** The fixture mail as another mail: its own Message-Id and text, signed with the given stamp. */
  const mail = (n: string, stamp: { timestamp: number; token: string }, text = `Messaggio ${n}`): Record<string, string> =>
    signMailgunFields({ ...fixtureFields(), 'Message-Id': `<replay-${n}@mail.gmail.com>`, 'stripped-text': text, 'body-plain': text }, key, stamp);
  const postForm = (fields: Record<string, string>, to: TestChannel = channel): Promise<Delivered> =>
    post(desk, to.id, form(fields), { 'content-type': 'application/x-www-form-urlencoded', ...adapterFor('email').signDelivery(Buffer.alloc(0), to.config) });
  const storedEvents = async (ch: TestChannel = channel): Promise<number> => {
    const res = await desk.http().get(`/api/channels/${ch.id}/events`).query({ limit: 200 }).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    return res.body.items.length;
  };
  const texts = async (ch: TestChannel = channel): Promise<string[]> => {
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    const list = await conversationsOf(desk, admin, { channelId: ch.id });
    const details = await Promise.all(list.map((c) => conversationDetail(desk, admin, c.id as string)));
    return details.flatMap((d) => d.messages.map((m) => m.text as string)).sort();
  };
  const accepted = { status: 200, body: { received: true, duplicate: false, events: 1 } };
  const duplicate = { status: 200, body: { received: true, duplicate: true, events: 1 } };
  const refused = (res: Delivered) => ({ status: res.status, code: res.body.code });
  const REPLAYED = { status: 403, code: 'WEBHOOK_REPLAYED' };

  beforeAll(async () => {
    // No WEBHOOK_MAX_AGE_SECONDS: the default window is what is tested.
    desk = await startTestDesk({ WORKER_POLL_MS: '50', RETRY_BASE_MS: '50' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'email');
  }, 120_000);

  afterAll(async () => {
    await desk?.shutdown();
  });

  it('runs with a 15-minute window by default', () => {
    expect(desk.config.webhookMaxAgeSeconds).toBe(900);
  });

  it('refuses the 2024 fixture as it is (a stale timestamp, though correctly signed), storing nothing', async () => {
    const res = await postForm(fixtureFields());
    expect(refused(res)).toEqual(REPLAYED);
    expect(res.body.message).toMatch(/s old, more than the 900 s allowed/);
    expect(await storedEvents()).toBe(0);
  });

  it('accepts the same mail freshly signed, then its exact redelivery as a duplicate', async () => {
    const fields = signMailgunFields(fixtureFields(), key, { timestamp: nowSeconds(), token: newToken() });
    expect(await postForm(fields)).toEqual(accepted);
    expect(await postForm(fields)).toEqual(duplicate);
    expect(await storedEvents()).toBe(1);
    expect(await texts()).toEqual(['Ciao, possiamo spostare alle 21:00? 🙏']);
  });

  it('accepts a timestamp just inside the window either way and refuses one just outside, storing nothing refused', async () => {
    const before = await storedEvents();
    expect(await postForm(mail('old-inside', { timestamp: nowSeconds() - 14 * 60, token: newToken() }))).toEqual(accepted);
    expect(await postForm(mail('future-inside', { timestamp: nowSeconds() + 14 * 60, token: newToken() }))).toEqual(accepted);
    const old = await postForm(mail('old-outside', { timestamp: nowSeconds() - 16 * 60, token: newToken() }));
    expect(refused(old)).toEqual(REPLAYED);
    const future = await postForm(mail('future-outside', { timestamp: nowSeconds() + 16 * 60, token: newToken() }));
    expect(refused(future)).toEqual(REPLAYED);
    expect(future.body.message).toMatch(/in the future/);
    expect(await storedEvents()).toBe(before + 2);
    const all = await texts();
    expect(all).toEqual(expect.arrayContaining(['Messaggio old-inside', 'Messaggio future-inside']));
    expect(all.filter((t) => t.endsWith('-outside'))).toEqual([]);
  });

  it('refuses another mail carrying an accepted timestamp, token and signature, storing nothing', async () => {
    const stamp = { timestamp: nowSeconds(), token: newToken() };
    const genuine = mail('genuine', stamp, 'Confermo per le 20:00');
    expect(await postForm(genuine)).toEqual(accepted);
    const before = await storedEvents();
    const forged = await postForm(mail('forged', stamp, 'Nuovo IBAN per il rimborso: IT60X0542811101000000123456'));
    expect(refused(forged)).toEqual(REPLAYED);
    expect(forged.body.message).toMatch(/already used/);
    // The same fields in another order are other bytes: refused too.
    const reordered = Object.fromEntries(Object.entries(genuine).reverse());
    expect(refused(await postForm(reordered))).toEqual(REPLAYED);
    expect(await postForm(genuine)).toEqual(duplicate);
    expect(await storedEvents()).toBe(before);
    const all = await texts();
    expect(all).toContain('Confermo per le 20:00');
    expect(all.some((t) => t.includes('IBAN'))).toBe(false);
  });

  it('lets exactly one of several different mails racing with one token in', async () => {
    const before = await storedEvents();
    const stamp = { timestamp: nowSeconds(), token: newToken() };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => postForm(mail(`race-${i}`, stamp))));
    expect(answers.filter((a) => a.status === 200)).toEqual([accepted]);
    expect(answers.filter((a) => a.status !== 200).map(refused)).toEqual(Array.from({ length: 7 }, () => REPLAYED));
    expect(await storedEvents()).toBe(before + 1);
  });

  it('remembers tokens per channel: another channel may see the same token', async () => {
    const other = await createChannel(desk, admin, 'email');
    const stamp = { timestamp: nowSeconds(), token: newToken() };
    expect(await postForm(mail('channel-a', stamp))).toEqual(accepted);
    expect(await postForm(mail('channel-b', stamp), other)).toEqual(accepted);
    expect(await storedEvents(other)).toBe(1);
  });

  it('leaves Postmark JSON alone: it carries no signed timestamp', async () => {
    const raw = fixtureBytes('email', 'postmark_new_thread.json');
    const res = await post(desk, channel.id, raw, { 'content-type': 'application/json', ...adapterFor('email').signDelivery(raw, channel.config) });
    expect(res).toEqual(accepted);
  });
});

describe('Mailgun replay protection with WEBHOOK_MAX_AGE_SECONDS=0', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  const fixtureFields = (): Record<string, string> => JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8'));
  const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(Object.entries(fields)).toString(), 'utf8');
  const postForm = (fields: Record<string, string>) =>
    post(desk, channel.id, form(fields), { 'content-type': 'application/x-www-form-urlencoded', ...adapterFor('email').signDelivery(Buffer.alloc(0), channel.config) });

  beforeAll(async () => {
    desk = await startTestDesk({ WEBHOOK_MAX_AGE_SECONDS: '0' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'email');
  }, 120_000);

  afterAll(async () => {
    await desk?.shutdown();
  });

  it('takes any timestamp, and still refuses a reused token with another mail', async () => {
    expect(await postForm(fixtureFields())).toEqual({ status: 200, body: { received: true, duplicate: false, events: 1 } });
    const forged = await postForm({ ...fixtureFields(), 'stripped-text': 'forged', 'Message-Id': '<forged@mail.gmail.com>' });
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 403, code: 'WEBHOOK_REPLAYED' });
  });
});

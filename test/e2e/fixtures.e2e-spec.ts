import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import { adapterFor, type ChannelType } from '../../libs/channels/src';
import { fixtureBytes, type FixturePlatform } from '../../libs/channels/src/testing/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import {
  conversationDetail,
  conversationsOf,
  createChannel,
  deliver,
  deliverFixture,
  eventually,
  FIXTURE_CONFIG,
  post,
  settled,
  TestChannel,
} from '../support/inbox';

/**
 * Every fixture of every platform (test/fixtures/channels/<platform>), delivered through the real webhook with the
 * platform's own signature, becomes exactly the conversation, contact and message its README describes; delivered
 * three times (and once more re-serialized, as a platform's retry may be), it is still one.
 *
 * Threading follows the product's rules, which differ in one respect from some README "thread" columns: a comment
 * thread is keyed by its ROOT COMMENT (Facebook, Instagram, LinkedIn, YouTube), not by the post it is on, so two
 * top-level comments on one post are two conversations, and a reply joins its root comment's conversation.
 */

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const sec = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();
const ms = (epochMillis: number) => new Date(epochMillis).toISOString();
const fixtureJson = (platform: FixturePlatform, file: string): any => JSON.parse(fixtureBytes(platform, file).toString('utf8'));

/** The same JSON in other bytes (compact, or indented when already compact): a new delivery of the same content. */
function reserialized(raw: Buffer): Buffer {
  const text = raw.toString('utf8');
  const compact = JSON.stringify(JSON.parse(text));
  return Buffer.from(compact === text ? JSON.stringify(JSON.parse(text), null, 1) : compact, 'utf8');
}

/** The X-Hub-Signature-256 / x-twitter-webhooks-signature / X-LI-Signature values printed in each README, verbatim. */
const README_SIGNATURES = {
  facebook_page: {
    'comment_add.json': 'sha256=e7d7094842e3001e90a0ab246a6d00805f17bfc1ea0bad01741150250cf19584',
    'comment_reply_add.json': 'sha256=719cf486420289f21cae2d16e327299e3489f62ecd76d4059668805c03f15805',
    'comment_add_photo.json': 'sha256=18960fb98678f117ea878f25e388fa234788f8e8c6bd7b40a6a353f2fc0b6c1f',
    'comment_edited.json': 'sha256=a553897c5f6a2039f9a5012cd9ac8ecc1747e0fbfe6036e8ed4a7810d946ca93',
    'comment_remove.json': 'sha256=90ce7a3de0b14fc5587012753d570622fe148da5ffef343cbff3e98e07ebffda',
    'comment_by_page_echo.json': 'sha256=b0d30ff36ca2c604442324fa963b76bb94c00d872fb70d669220b600abed86f0',
    'batched_reaction_and_comment.json': 'sha256=a9acb1a61d101d5b82410e33611c1f6eaf8501901f043f327937aa2c8420ea34',
  },
  messenger: {
    'message_text.json': 'sha256=25cfda51c7f077d74522575d93984f0a7a4ecd162166ad5f451d030baaf549a8',
    'message_attachments.json': 'sha256=b389abdcc954a100578d840aa1d5a0aa7534e5f60526b42a4a45f97e066eb406',
    'message_reply_to.json': 'sha256=44b8b45359b329b4289455dc8d71c853b923ac17dc2138d8e161e436479eb590',
    'message_edit.json': 'sha256=a98dd59886b64e83cc06a63a1ba5871b4d39a5dcadaaa78a5c191ad6e509ce7d',
    'message_echo.json': 'sha256=d9a3bc337d5024315a7d238d43f6d330291f72f03475ed937666ecf071692ec4',
  },
  instagram: {
    'comment_add.json': 'sha256=78dc943e2310b506c3af103e51250da9b06d60621b2989639fa0c4eca3dab07e',
    'comment_reply.json': 'sha256=02a2787b337a85a2421ef70f4095adcde3631efa7619433886607722663d1e07',
    'comment_reel.json': 'sha256=9dbcd3768e55c918ad1e9aee4d56b9ab2f944e8fc135d2f7c7a5a58c12ef6d06',
    'mention_in_comment.json': 'sha256=f0f391f32fc6b3acc07f2287f080710ceb685f23fd8e27fc851d12726873d92b',
    'dm_text.json': 'sha256=cdd01c4fac4f14a67c469da34022628240b01a242be49b7008b1153b0feaa3c0',
    'dm_image.json': 'sha256=1e2e018240b7b0cb8011dad624a38c254c2cdf56d89ca5476fc8af58f4eb8ba9',
    'dm_unsend.json': 'sha256=b9154a4f582e5e8a5f340e23900bf52d86938af36426633670f16c7808283f28',
  },
  whatsapp: {
    'message_text.json': 'sha256=df94440d22552bb84a726bd098f6d706ad7e3acf04652beb7b963c2a946d295a',
    'message_image.json': 'sha256=916f9292ffc418482267a4e7f297491170b0c946128803356c92f5c2f038e772',
    'message_reply_context.json': 'sha256=c82e5e621bb5cd724df37dc8e93546ac13bcf44953750dc83ba2b35d518ce3b0',
    'message_long_text.json': 'sha256=e8964ce2b54843b96c972114ac17d6fe8b6aab6210391a860c614bbc4e30465b',
    'status_read.json': 'sha256=3002c45d80791ae9e80f1d30656baf07c9280cad4fa8413aa9ed794f48aaf0bb',
    'status_failed.json': 'sha256=1082bbb58102490680822e90cd8aed9d8abf80be648ae91a14b600589693ba1e',
  },
  x_twitter: {
    'tweet_mention.json': 'sha256=G1ye++L5Dn0sTw6AteVRD0AqII9yfOb8+4DC/WAXwJA=',
    'tweet_reply_extended.json': 'sha256=a/dDyBlR8WQMLiMWmYrpnA2cbmAvcuu/ZgHFz/Y5N68=',
    'dm_text.json': 'sha256=FqLlGHtRAEldFLGuh7e123t9rsb6DKt+5sPccLptbSk=',
    'dm_media.json': 'sha256=QWmN/nq+iMG7Ya1d2/ZiAMbPli1FK824jYOhj46YPO4=',
    'tweet_delete.json': 'sha256=AZHCu5cGdMxSdQfdiXcwYxODcItsB71jy6glClj8UAM=',
  },
  linkedin: {
    'org_comment.json': 'f80451be9ebee59b9d45144f6f92d0c7343629d7297ddf7a6d58b75cf9285baa',
    'org_share_mention.json': '2c0b2e4abf57dd4a45e4a21b65216cd9927433ec838e0c5d6c2fb50c76c3c4ff',
    'org_comment_delete.json': '7ee0a338582418d23252b4dd66ec00e9a9eed71fe7f657cdec6f7d5962b0990b',
  },
} satisfies Partial<Record<FixturePlatform, Record<string, string>>>;

/** Every webhook fixture of a platform, in README order (the order of the README's table). */
const FILES = {
  facebook_page: Object.keys(README_SIGNATURES.facebook_page),
  messenger: Object.keys(README_SIGNATURES.messenger),
  instagram: Object.keys(README_SIGNATURES.instagram),
  whatsapp: Object.keys(README_SIGNATURES.whatsapp),
  x_twitter: Object.keys(README_SIGNATURES.x_twitter),
  telegram: ['message_private.json', 'message_group_reply.json', 'edited_message.json', 'channel_post.json', 'message_photo.json'],
  linkedin: Object.keys(README_SIGNATURES.linkedin),
  email: ['postmark_new_thread.json', 'postmark_reply.json', 'postmark_attachment.json'],
} satisfies Partial<Record<FixturePlatform, string[]>>;

interface AuthorShape {
  type: 'contact' | 'business' | 'user';
  name: string | null;
  /** A contact author's platform identities (`platform:externalId`), from GET /api/contacts/:id; null otherwise. */
  identity: string | null;
}

interface MessageShape {
  direction: 'inbound' | 'outbound' | 'note';
  author: AuthorShape;
  externalId: string | null;
  parentExternalId: string | null;
  text: string;
  attachments: Array<Record<string, unknown>>;
  edited: boolean;
  previousTexts: string[];
  deleted: boolean;
  createdAt: string;
  deliveryStatus?: string;
}

interface ConversationShape {
  kind: 'comment' | 'mention' | 'message';
  status: string;
  channelType: ChannelType;
  subject: string | null;
  contact: { name: string | null; username: string | null; followers: number | null; email: string | null; identities: string[] } | null;
  messages: MessageShape[];
}

// ---- expected values --------------------------------------------------------------------------------------------

const contactAuthor = (name: string | null, identity: string): AuthorShape => ({ type: 'contact', name, identity });
const businessAuthor = (name: string): AuthorShape => ({ type: 'business', name, identity: null });

function message(m: {
  author: AuthorShape;
  externalId: string;
  text: string;
  createdAt: string;
  parent?: string;
  attachments?: Array<Record<string, unknown>>;
  /** The texts an edit replaced, oldest first; implies edited. */
  previous?: string[];
  edited?: boolean;
  deleted?: boolean;
}): MessageShape {
  const echo = m.author.type === 'business';
  return {
    direction: echo ? 'outbound' : 'inbound',
    author: m.author,
    externalId: m.externalId,
    parentExternalId: m.parent ?? null,
    text: m.text,
    attachments: m.attachments ?? [],
    edited: m.edited ?? (m.previous !== undefined && m.previous.length > 0),
    previousTexts: m.previous ?? [],
    deleted: m.deleted ?? false,
    createdAt: m.createdAt,
    // An echo is our own message, already on the platform.
    ...(echo ? { deliveryStatus: 'sent' } : {}),
  };
}

function conversation(
  channelType: ChannelType,
  kind: ConversationShape['kind'],
  contact: { name?: string; username?: string; followers?: number; email?: string; identity: string },
  messages: MessageShape[],
  subject: string | null = null,
): ConversationShape {
  return {
    kind,
    status: 'open',
    channelType,
    subject,
    contact: { name: contact.name ?? null, username: contact.username ?? null, followers: contact.followers ?? null, email: contact.email ?? null, identities: [contact.identity] },
    messages,
  };
}

/** Conversations in a stable order: by the external id of their first message. */
const ordered = (list: ConversationShape[]) => [...list].sort((a, b) => String(a.messages[0]?.externalId).localeCompare(String(b.messages[0]?.externalId)));

// ---- the suite --------------------------------------------------------------------------------------------------

describe('every platform fixture through the real webhook', () => {
  let desk: TestDesk;
  let admin: string;
  let fake: FakePlatform;
  const channels: Partial<Record<ChannelType, TestChannel>> = {};
  const contacts = new Map<string, { email: string | null; identities: Array<{ platform: string; externalId: string }> }>();

  beforeAll(async () => {
    fake = await startFakePlatform();
    // The Mailgun fixture is signed with a 2024 timestamp: the freshness window is off here, and tested on its own
    // (test/e2e/mailgun-replay.e2e-spec.ts). The replayed-token check stays on.
    desk = await startTestDesk({ WORKER_POLL_MS: '50', RETRY_BASE_MS: '50', WEBHOOK_MAX_AGE_SECONDS: '0' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Facebook Page comments and Messenger share the one Page channel.
    channels.facebook = await createChannel(desk, admin, 'facebook');
    channels.instagram = await createChannel(desk, admin, 'instagram', { ...FIXTURE_CONFIG.instagram, apiBaseUrl: fake.baseUrls.instagram });
    channels.whatsapp = await createChannel(desk, admin, 'whatsapp');
    channels.x = await createChannel(desk, admin, 'x');
    channels.telegram = await createChannel(desk, admin, 'telegram');
    channels.linkedin = await createChannel(desk, admin, 'linkedin');
    channels.email = await createChannel(desk, admin, 'email');
  }, 120_000);

  afterAll(async () => {
    await desk?.shutdown();
    await fake?.close();
  });

  const channel = (type: ChannelType): TestChannel => channels[type]!;

  async function contactOf(id: string) {
    let found = contacts.get(id);
    if (!found) {
      const res = await desk.http().get(`/api/contacts/${id}`).set(bearer(admin));
      expect(res.status).toBe(200);
      found = res.body as { email: string | null; identities: Array<{ platform: string; externalId: string }> };
      contacts.set(id, found);
    }
    return found;
  }
  const identities = (c: { identities: Array<{ platform: string; externalId: string }> }) => c.identities.map((i) => `${i.platform}:${i.externalId}`);

  /** What a conversation looks like through the API, contact identities resolved. */
  async function shapeOf(detail: Awaited<ReturnType<typeof conversationDetail>>): Promise<ConversationShape> {
    const contact = detail.contact ? await contactOf(detail.contact.id) : null;
    const messages: MessageShape[] = [];
    for (const m of detail.messages) {
      messages.push({
        direction: m.direction,
        author: {
          type: m.author.type,
          name: m.author.name,
          identity: m.author.type === 'contact' ? identities(await contactOf(m.author.id)).join(',') : m.author.id,
        },
        externalId: m.externalId,
        parentExternalId: m.parentExternalId,
        text: m.text,
        attachments: m.attachments,
        edited: m.edited,
        previousTexts: m.previousTexts.map((p: { text: string }) => p.text),
        deleted: m.deleted,
        createdAt: m.createdAt,
        ...(m.deliveryStatus !== undefined ? { deliveryStatus: m.deliveryStatus } : {}),
      });
    }
    return {
      kind: detail.kind,
      status: detail.status,
      channelType: detail.channelType,
      subject: detail.subject,
      contact: detail.contact && contact
        ? { name: detail.contact.name, username: detail.contact.username, followers: detail.contact.followers, email: contact.email, identities: identities(contact) }
        : null,
      messages,
    };
  }

  async function details(channelId: string, query: Record<string, string> = {}) {
    const list = await conversationsOf(desk, admin, { channelId, ...query });
    return Promise.all(list.map((c) => conversationDetail(desk, admin, c.id as string)));
  }

  async function shapes(channelId: string, query: Record<string, string> = {}): Promise<ConversationShape[]> {
    const out: ConversationShape[] = [];
    for (const d of await details(channelId, query)) out.push(await shapeOf(d));
    return ordered(out);
  }

  async function events(channelId: string): Promise<Array<Record<string, any>>> {
    const res = await desk.http().get(`/api/channels/${channelId}/events`).query({ limit: 200 }).set(bearer(admin));
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** Everything the channel holds: its stored deliveries and every conversation with its messages, as the API shows them. */
  async function stored(channelId: string) {
    const convs = await details(channelId);
    return {
      events: (await events(channelId)).map((e) => ({ id: e.id, status: e.status, events: e.events })),
      conversations: convs.sort((a, b) => String(a.id).localeCompare(String(b.id))),
    };
  }

  /** Delivers each file three times, signed as the platform signs; the 2nd and 3rd are acknowledged as duplicates. */
  async function deliverThrice(ch: TestChannel, platform: FixturePlatform, files: string[]): Promise<void> {
    for (const file of files) {
      for (let i = 0; i < 3; i++) {
        const res = await deliverFixture(desk, ch, platform, file);
        expect({ file, attempt: i + 1, status: res.status, body: res.body }).toEqual({
          file,
          attempt: i + 1,
          status: 200,
          body: { received: true, duplicate: i > 0, events: 1 },
        });
      }
    }
  }

  /** Each delivery was stored once and processed into exactly one event; none failed. */
  async function expectStoredOnce(ch: TestChannel, count: number): Promise<void> {
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    const all = await events(ch.id);
    expect(all).toHaveLength(count);
    for (const e of all) expect({ source: e.source, status: e.status, events: e.events, lastError: e.lastError }).toEqual({ source: 'webhook', status: 'processed', events: 1, lastError: null });
  }

  /**
   * The README's signature header, verbatim, is accepted (200; a duplicate, the bytes are stored already); the same
   * signature over the same JSON re-serialized is refused (the HMAC covers the exact bytes), as is another file's
   * signature and no signature at all; nothing of what was refused is stored.
   */
  async function expectReadmeSignatures(ch: TestChannel, platform: keyof typeof README_SIGNATURES, header: string): Promise<void> {
    const before = await stored(ch.id);
    const table: Record<string, string> = README_SIGNATURES[platform];
    const files = Object.keys(table);
    for (const [index, file] of files.entries()) {
      const raw = fixtureBytes(platform, file);
      const signature = table[file]!;
      const accepted = await post(desk, ch.id, raw, { 'content-type': 'application/json', [header]: signature });
      expect({ file, status: accepted.status, body: accepted.body }).toEqual({ file, status: 200, body: { received: true, duplicate: true, events: 1 } });

      const reshaped = await post(desk, ch.id, reserialized(raw), { 'content-type': 'application/json', [header]: signature });
      expect({ file, status: reshaped.status, code: reshaped.body.code }).toEqual({ file, status: 403, code: 'SIGNATURE_INVALID' });

      const otherSignature = table[files[(index + 1) % files.length]!]!;
      const wrong = await post(desk, ch.id, raw, { 'content-type': 'application/json', [header]: otherSignature });
      expect({ file, status: wrong.status, code: wrong.body.code }).toEqual({ file, status: 403, code: 'SIGNATURE_INVALID' });

      const unsigned = await post(desk, ch.id, reserialized(raw), { 'content-type': 'application/json' });
      expect({ file, status: unsigned.status, code: unsigned.body.code }).toEqual({ file, status: 401, code: 'SIGNATURE_MISSING' });
    }
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    expect(await stored(ch.id)).toEqual(before);
  }

  /**
   * A platform may deliver the same content again in other bytes (real Meta deliveries are compact, these files are
   * pretty-printed): stored as a new delivery, processed, and nothing changes: no second message, no reverted edit,
   * no undeleted message.
   */
  async function expectReserializedRedeliveryChangesNothing(ch: TestChannel, platform: FixturePlatform, files: string[]): Promise<void> {
    const before = await stored(ch.id);
    for (const file of files) {
      const res = await deliver(desk, ch, reserialized(fixtureBytes(platform, file)));
      expect({ file, status: res.status, body: res.body }).toEqual({ file, status: 200, body: { received: true, duplicate: false, events: 1 } });
    }
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    const after = await stored(ch.id);
    expect(after.events).toHaveLength(before.events.length + files.length);
    expect(after.conversations).toEqual(before.conversations);
  }

  // ---- Facebook Page comments -----------------------------------------------------------------------------------

  describe('facebook_page', () => {
    const files = FILES.facebook_page;
    const post_ = '987654321098765';
    const giuliaComment = `${post_}_1122334455667788`;
    const markReply = `${post_}_1122334455669999`;
    const francescaComment = `${post_}_1122334455670001`;
    const pageReply = `${post_}_1122334455670555`;
    const sofiaComment = `${post_}_1122334455671234`;
    const giulia = contactAuthor('Giulia Rossi', 'facebook:6789012345678901');
    const mark = contactAuthor('Mark Thompson', 'facebook:7123456789012345');

    it('delivered three times: one conversation per root comment, the reply and the Page echo in it, the edit, the removal and the photo', async () => {
      const ch = channel('facebook');
      await deliverThrice(ch, 'facebook_page', files);
      await expectStoredOnce(ch, files.length);

      // The post holds three top-level comments (Giulia, Francesca, Sofia): three conversations. The reaction in the
      // batched delivery is nothing.
      expect(await shapes(ch.id, { kind: 'comment' })).toEqual(
        ordered([
          conversation('facebook', 'comment', { name: 'Giulia Rossi', identity: 'facebook:6789012345678901' }, [
            message({
              author: giulia,
              externalId: giuliaComment,
              text: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto? (e a pranzo?)',
              previous: ['Che meraviglia! 😍 Siete aperti anche a Ferragosto?'],
              createdAt: sec(1718000000),
            }),
            message({
              author: mark,
              externalId: markReply,
              parent: giuliaComment,
              text: 'Same question here 🙋‍♂️ also, do you take reservations for 8 people?',
              deleted: true,
              createdAt: sec(1718000910),
            }),
            message({
              author: businessAuthor('Trattoria Da Gino'),
              externalId: pageReply,
              parent: giuliaComment,
              text: 'Ciao Giulia! Sì, siamo aperti tutto agosto ☀️',
              createdAt: sec(1718004000),
            }),
          ]),
          conversation('facebook', 'comment', { name: 'Francesca Esposito', identity: 'facebook:6543210987654321' }, [
            message({
              author: contactAuthor('Francesca Esposito', 'facebook:6543210987654321'),
              externalId: francescaComment,
              text: "Ecco lo scontrino, c'è un errore nel conto 🤔",
              attachments: [{ type: 'image', url: fixtureJson('facebook_page', 'comment_add_photo.json').entry[0].changes[0].value.photo }],
              createdAt: sec(1718001500),
            }),
          ]),
          conversation('facebook', 'comment', { name: 'Sofia Marino', identity: 'facebook:8899001122334455' }, [
            message({
              author: contactAuthor('Sofia Marino', 'facebook:8899001122334455'),
              externalId: sofiaComment,
              text: 'Prenotato per stasera 🍕🍷 grazie!',
              createdAt: sec(1718004999),
            }),
          ]),
        ]),
      );
    });

    it("accepts the README's X-Hub-Signature-256 values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('facebook'), 'facebook_page', 'x-hub-signature-256');
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('facebook'), 'facebook_page', files);
    });
  });

  // ---- Messenger (same Page channel) ----------------------------------------------------------------------------

  describe('messenger', () => {
    const files = FILES.messenger;
    const mid = (file: string) => fixtureJson('messenger', file).entry[0].messaging[0].message.mid as string;
    const psid = '24681357924681357';
    const customer = contactAuthor(psid, `facebook:${psid}`);

    it('delivered three times: one DM conversation with the text (edited), the attachments, the quoted reply and the Page echo', async () => {
      const ch = channel('facebook');
      const before = (await events(ch.id)).length;
      await deliverThrice(ch, 'messenger', files);
      await expectStoredOnce(ch, before + files.length);

      const attachments = fixtureJson('messenger', 'message_attachments.json').entry[0].messaging[0].message.attachments;
      // Messenger names nobody in the payload (the name needs a profile lookup): the customer is their PSID.
      expect(await shapes(ch.id, { kind: 'message' })).toEqual([
        conversation('facebook', 'message', { identity: `facebook:${psid}` }, [
          message({
            author: customer,
            externalId: mid('message_text.json'),
            text: 'Ciao! Vorrei prenotare un tavolo per 5 persone sabato sera 🍝',
            previous: ['Ciao! Vorrei prenotare un tavolo per 4 persone sabato sera 🍝'],
            createdAt: ms(1718003599876),
          }),
          message({
            author: customer,
            externalId: mid('message_attachments.json'),
            text: '',
            attachments: [
              { type: 'image', url: attachments[0].payload.url },
              { type: 'file', url: attachments[1].payload.url },
            ],
            createdAt: ms(1718003700101),
          }),
          message({
            author: customer,
            externalId: mid('message_reply_to.json'),
            parent: mid('message_echo.json'),
            text: 'Perfetto, confermo per le 20:30 👍 Is there parking nearby?',
            createdAt: ms(1718003800333),
          }),
          // The echo names no author: the business's name is the channel's.
          message({
            author: businessAuthor('facebook test'),
            externalId: mid('message_echo.json'),
            text: 'Certo! Abbiamo un tavolo libero alle 20:30, va bene?',
            createdAt: ms(1718004000111),
          }),
        ]),
      ]);
      // The Page comments of the other describe are untouched.
      expect(await conversationsOf(desk, admin, { channelId: ch.id, kind: 'comment' })).toHaveLength(3);
    });

    it("accepts the README's X-Hub-Signature-256 values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('facebook'), 'messenger', 'x-hub-signature-256');
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('facebook'), 'messenger', files);
    });
  });

  // ---- Instagram ------------------------------------------------------------------------------------------------

  describe('instagram', () => {
    const files = FILES.instagram;
    const mid = (file: string) => fixtureJson('instagram', file).entry[0].messaging[0].message.mid as string;
    const mentionText = '@dagino.trattoria la cena di ieri sera era spettacolare 🍝✨ torneremo presto!';
    const enrichment = () =>
      fake.requests.filter((r) => r.platform === 'meta' && r.method === 'GET' && r.path.endsWith('/17841400123456789') && (r.query.fields ?? '').includes('mentioned_comment.comment_id(17866554433221100)'));

    it('delivered three times: a conversation per root comment, the reel, the mention fetched once, and the DM with its unsent image', async () => {
      const ch = channel('instagram');
      fake.mentions({ '17866554433221100': { text: mentionText, username: 'sara.viaggia', timestamp: '2024-06-10T10:00:00+0000' } });
      await deliverThrice(ch, 'instagram', files);
      await expectStoredOnce(ch, files.length);
      // The mention's content is fetched from the Graph API with our token, once: the same bytes were stored once.
      expect(enrichment()).toHaveLength(1);
      expect(enrichment()[0]!.headers.authorization).toBe('Bearer ig-token');

      const dmImage = fixtureJson('instagram', 'dm_image.json').entry[0].messaging[0].message.attachments[0];
      expect(await shapes(ch.id)).toEqual(
        ordered([
          conversation('instagram', 'comment', { username: 'giulia.rossi.92', identity: 'instagram:17845011223344556' }, [
            message({
              author: contactAuthor('giulia.rossi.92', 'instagram:17845011223344556'),
              externalId: '18012345678901234',
              text: 'Bellissimo! 😍 Dove si trova esattamente?',
              createdAt: sec(1718010000),
            }),
            message({
              author: contactAuthor('mark.travels', 'instagram:17845099887766554'),
              externalId: '18012345678905678',
              parent: '18012345678901234',
              text: "@giulia.rossi.92 it's in Trastevere, near the river 🇮🇹",
              createdAt: sec(1718010500),
            }),
          ]),
          conversation('instagram', 'comment', { username: 'chef_luca', identity: 'instagram:17845055544433322' }, [
            message({
              author: contactAuthor('chef_luca', 'instagram:17845055544433322'),
              externalId: '18012345678909999',
              text: 'Ricetta della carbonara please!! 🥚🧀🥓',
              createdAt: sec(1718011000),
            }),
          ]),
          // The mentioned comment names its author by username only: that is the identity.
          conversation('instagram', 'mention', { username: 'sara.viaggia', identity: 'instagram:sara.viaggia' }, [
            message({
              author: contactAuthor('sara.viaggia', 'instagram:sara.viaggia'),
              externalId: '17866554433221100',
              text: mentionText,
              createdAt: '2024-06-10T10:00:00.000Z',
            }),
          ]),
          conversation('instagram', 'message', { identity: 'instagram:1234567890123456' }, [
            message({
              author: contactAuthor('1234567890123456', 'instagram:1234567890123456'),
              externalId: mid('dm_text.json'),
              text: 'Hi! Do you have gluten-free pasta? 🌾🚫',
              createdAt: ms(1718012000123),
            }),
            message({
              author: contactAuthor('1234567890123456', 'instagram:1234567890123456'),
              externalId: mid('dm_image.json'),
              text: '',
              attachments: [{ type: 'image', url: dmImage.payload.url }],
              deleted: true,
              createdAt: ms(1718012100456),
            }),
          ]),
        ]),
      );
      expect(mid('dm_unsend.json')).toBe(mid('dm_image.json'));
    });

    it("accepts the README's X-Hub-Signature-256 values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('instagram'), 'instagram', 'x-hub-signature-256');
    });

    it('a re-serialized redelivery of every fixture changes nothing (the mention is fetched again, to the same text)', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('instagram'), 'instagram', files);
      expect(enrichment()).toHaveLength(2);
    });
  });

  // ---- WhatsApp -------------------------------------------------------------------------------------------------

  describe('whatsapp', () => {
    const files = FILES.whatsapp;
    const wamid = (file: string) => fixtureJson('whatsapp', file).entry[0].changes[0].value.messages[0].id as string;
    const statusId = (file: string) => fixtureJson('whatsapp', file).entry[0].changes[0].value.statuses[0].id as string;
    const luca = contactAuthor('Luca Bianchi', 'whatsapp:393471234567');

    it('delivered three times: one conversation with Luca, four messages; the statuses of an outbound message we never sent create nothing', async () => {
      const ch = channel('whatsapp');
      await deliverThrice(ch, 'whatsapp', files);
      await expectStoredOnce(ch, files.length);

      const image = fixtureJson('whatsapp', 'message_image.json').entry[0].changes[0].value.messages[0].image;
      const longText = fixtureJson('whatsapp', 'message_long_text.json').entry[0].changes[0].value.messages[0].text.body as string;
      expect(Array.from(longText)).toHaveLength(2024);
      const all = await shapes(ch.id);
      expect(all).toEqual([
        conversation('whatsapp', 'message', { name: 'Luca Bianchi', identity: 'whatsapp:393471234567' }, [
          message({ author: luca, externalId: wamid('message_text.json'), text: 'Buongiorno, il mio ordine #4521 non è ancora arrivato 📦', createdAt: sec(1718020000) }),
          message({
            author: luca,
            externalId: wamid('message_image.json'),
            text: 'Il pacco è arrivato danneggiato 😞',
            attachments: [{ type: 'image', mediaId: '1234567890123456', mimeType: 'image/jpeg', url: image.url }],
            createdAt: sec(1718020120),
          }),
          message({
            author: luca,
            externalId: wamid('message_reply_context.json'),
            parent: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQjk3OUNFQzE2RDBBMzNFMzYwAA==',
            text: 'Sì grazie, va bene la consegna domani mattina 👍',
            createdAt: sec(1718020300),
          }),
          message({ author: luca, externalId: wamid('message_long_text.json'), text: longText, createdAt: sec(1718020900) }),
        ]),
      ]);
      // The read and failed statuses name an outbound wamid the desk never sent: processed (not failed), and no
      // message, conversation or delivery status appears for them.
      const ids = all.flatMap((c) => c.messages.map((m) => m.externalId));
      expect(ids).not.toContain(statusId('status_read.json'));
      expect(ids).not.toContain(statusId('status_failed.json'));
      expect(all.flatMap((c) => c.messages).filter((m) => m.deliveryStatus !== undefined)).toEqual([]);
    });

    it("accepts the README's X-Hub-Signature-256 values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('whatsapp'), 'whatsapp', 'x-hub-signature-256');
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('whatsapp'), 'whatsapp', files);
    });
  });

  // ---- X --------------------------------------------------------------------------------------------------------

  describe('x_twitter', () => {
    const files = FILES.x_twitter;
    const giulia = contactAuthor('Giulia Rossi 🌻', 'x:1187654321098765432');
    const mark = contactAuthor('Mark Thompson', 'x:998877665544332211');
    const giuliaContact = { name: 'Giulia Rossi 🌻', username: 'giuliarossi92', followers: 1843, identity: 'x:1187654321098765432' };
    const markContact = { name: 'Mark Thompson', username: 'markthompson_uk', followers: 23411, identity: 'x:998877665544332211' };

    it('delivered three times: the mention (then deleted), the reply to our tweet in full, and one DM conversation per person', async () => {
      const ch = channel('x');
      await deliverThrice(ch, 'x_twitter', files);
      await expectStoredOnce(ch, files.length);

      const media = fixtureJson('x_twitter', 'dm_media.json').direct_message_events[0].message_create.message_data.attachment.media;
      const fullText = fixtureJson('x_twitter', 'tweet_reply_extended.json').tweet_create_events[0].extended_tweet.full_text as string;
      expect(await shapes(ch.id)).toEqual(
        ordered([
          conversation('x', 'mention', giuliaContact, [
            message({
              author: giulia,
              externalId: '1801234567890123456',
              text: 'Cena fantastica ieri da @DaGinoTrattoria 😍 la cacio e pepe migliore di Roma! #roma #foodie',
              deleted: true,
              createdAt: ms(1718004612345),
            }),
          ]),
          // Our tweet 1800999888777666555 is not in the desk: the reply starts its own thread, parent kept.
          conversation('x', 'comment', markContact, [
            message({
              author: mark,
              externalId: '1801234999990001112',
              parent: '1800999888777666555',
              // extended_tweet.full_text without the leading @mention (display_text_range 17..250, code points).
              text: Array.from(fullText).slice(17, 250).join(''),
              createdAt: ms(1718006564000),
            }),
          ]),
          conversation('x', 'message', giuliaContact, [
            message({ author: giulia, externalId: '1801240000111222333', text: 'Ciao! Posso portare il mio cane sulla terrazza? 🐶', createdAt: ms(1718007000123) }),
          ]),
          conversation('x', 'message', markContact, [
            message({
              author: mark,
              externalId: '1801240999888777666',
              text: "Here's the receipt, I was charged twice 😕",
              attachments: [{ type: 'image', url: media.media_url_https, mediaId: '1801240987654321098' }],
              createdAt: ms(1718007300456),
            }),
          ]),
        ]),
      );
      expect(Array.from(fullText).slice(17, 250).join('')).toContain('gluten-free option for the carbonara');
      // One contact per X account, whether it mentions us or writes a DM.
      const convs = await conversationsOf(desk, admin, { channelId: ch.id });
      const contactIds = new Set(convs.map((c) => c.contact.id));
      expect(contactIds.size).toBe(2);
    });

    it("accepts the README's x-twitter-webhooks-signature values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('x'), 'x_twitter', 'x-twitter-webhooks-signature');
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('x'), 'x_twitter', files);
    });
  });

  // ---- Telegram -------------------------------------------------------------------------------------------------

  describe('telegram', () => {
    const files = FILES.telegram;
    const giulia = contactAuthor('Giulia Rossi', 'telegram:123456789');

    it('delivered three times: the private chat (edited text, then the photo), the group reply and the channel post', async () => {
      const ch = channel('telegram');
      await deliverThrice(ch, 'telegram', files);
      await expectStoredOnce(ch, files.length);

      const photos = fixtureJson('telegram', 'message_photo.json').message.photo;
      expect(await shapes(ch.id)).toEqual(
        ordered([
          conversation('telegram', 'message', { name: 'Giulia Rossi', username: 'giuliarossi', identity: 'telegram:123456789' }, [
            message({
              author: giulia,
              externalId: '123456789:52',
              text: 'Ciao! Avete opzioni vegane o senza lattosio? 🌱🥛',
              previous: ['Ciao! Avete opzioni vegane? 🌱'],
              createdAt: sec(1718030000),
            }),
            message({
              author: giulia,
              externalId: '123456789:53',
              text: 'Questa è la ricevuta, mi avete addebitato due volte 😕',
              // The largest of the sizes, by its file_id (the bytes need getFile with the bot token).
              attachments: [{ type: 'image', mediaId: photos[2].file_id, size: 145230 }],
              createdAt: sec(1718031500),
            }),
          ]),
          // The bot's message 1199 is not in the desk: the reply starts its own conversation, parent kept.
          conversation('telegram', 'comment', { name: 'Mark', username: 'mark_t', identity: 'telegram:987654321' }, [
            message({
              author: contactAuthor('Mark', 'telegram:987654321'),
              externalId: '-1001234567890:1204',
              parent: '-1001234567890:1199',
              text: 'Thanks! Is the tiramisù made in house? 🍰',
              createdAt: sec(1718030500),
            }),
          ]),
          conversation('telegram', 'comment', { name: 'Da Gino News (Gino)', username: 'daginonews', identity: 'telegram:-1009876543210' }, [
            message({
              author: contactAuthor('Da Gino News (Gino)', 'telegram:-1009876543210'),
              externalId: '-1009876543210:310',
              text: 'Stasera musica dal vivo 🎸 dalle 21:00! Live music tonight from 9pm.',
              createdAt: sec(1718031000),
            }),
          ]),
        ]),
      );
    });

    it('refuses a wrong or missing X-Telegram-Bot-Api-Secret-Token, storing nothing', async () => {
      const ch = channel('telegram');
      const before = await stored(ch.id);
      const raw = reserialized(fixtureBytes('telegram', 'message_private.json'));
      const wrong = await post(desk, ch.id, raw, { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret_token-43' });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'SIGNATURE_INVALID' });
      const missing = await post(desk, ch.id, raw, { 'content-type': 'application/json' });
      expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 401, code: 'SIGNATURE_MISSING' });
      const right = await post(desk, ch.id, fixtureBytes('telegram', 'message_private.json'), {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'tg-secret_token-42',
      });
      expect(right).toEqual({ status: 200, body: { received: true, duplicate: true, events: 1 } });
      expect(await stored(ch.id)).toEqual(before);
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('telegram'), 'telegram', files);
    });
  });

  // ---- LinkedIn -------------------------------------------------------------------------------------------------

  describe('linkedin', () => {
    const files = FILES.linkedin;
    const commentUrn = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890123456)';

    it('delivered three times: the comment (then deleted) and the mentioning post, each its own conversation', async () => {
      const ch = channel('linkedin');
      await deliverThrice(ch, 'linkedin', files);
      await expectStoredOnce(ch, files.length);

      // LinkedIn names members by URN only (a name needs a people lookup): the URN is the contact.
      expect(await shapes(ch.id)).toEqual(
        ordered([
          conversation('linkedin', 'comment', { identity: 'linkedin:urn:li:person:Q9wErT5yUi' }, [
            message({
              author: contactAuthor('urn:li:person:Q9wErT5yUi', 'linkedin:urn:li:person:Q9wErT5yUi'),
              externalId: commentUrn,
              text: 'Complimenti per i 55 anni di attività! 🎉 Congrats on the anniversary',
              deleted: true,
              createdAt: ms(1718040000000),
            }),
          ]),
          conversation('linkedin', 'mention', { identity: 'linkedin:urn:li:person:Lm3NoP7qRs' }, [
            message({
              author: contactAuthor('urn:li:person:Lm3NoP7qRs', 'linkedin:urn:li:person:Lm3NoP7qRs'),
              externalId: 'urn:li:share:7205345678901234567',
              text: 'Great team lunch today at Trattoria Da Gino 🍝 highly recommended for client meetings in Rome.',
              createdAt: ms(1718041000000),
            }),
          ]),
        ]),
      );
    });

    it("accepts the README's X-LI-Signature values verbatim and refuses wrong ones, storing nothing", async () => {
      await expectReadmeSignatures(channel('linkedin'), 'linkedin', 'x-li-signature');
    });

    it('a re-serialized redelivery of every fixture changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('linkedin'), 'linkedin', files);
    });
  });

  // ---- E-mail (Postmark JSON and a Mailgun form) ----------------------------------------------------------------

  describe('email', () => {
    const files = FILES.email;
    const mailgunFields = (): Record<string, string> => fixtureJson('email', 'mailgun_forward_form_fields.json');
    const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(Object.entries(fields)).toString(), 'utf8');
    const basicAuth = () => adapterFor('email').signDelivery(Buffer.alloc(0), channel('email').config);
    const postForm = (raw: Buffer, headers: Record<string, string> = basicAuth()) =>
      post(desk, channel('email').id, raw, { 'content-type': 'application/x-www-form-urlencoded', ...headers });
    const emma = contactAuthor('Emma Clarke', 'email:emma.clarke@example.co.uk');

    it('delivered three times: the new thread and its reply in one conversation, the mail with the PDF, and the Mailgun forward', async () => {
      const ch = channel('email');
      await deliverThrice(ch, 'email', files);
      // Mailgun posts form fields; the signature inside them verifies with the channel's mailgunSigningKey.
      for (let i = 0; i < 3; i++) {
        const res = await postForm(form(mailgunFields()));
        expect({ attempt: i + 1, status: res.status, body: res.body }).toEqual({ attempt: i + 1, status: 200, body: { received: true, duplicate: i > 0, events: 1 } });
      }
      await expectStoredOnce(ch, files.length + 1);

      const newThread = fixtureJson('email', 'postmark_new_thread.json');
      const reply = fixtureJson('email', 'postmark_reply.json');
      const withPdf = fixtureJson('email', 'postmark_attachment.json');
      // postmark_reply's MailboxHash (conv_8f3a2c) and In-Reply-To (<out-7f3c2a...>) name an outbound mail this desk
      // never sent, so neither matches; its References also carry postmark_new_thread's Message-ID, which does, so it
      // joins Emma's first mail (its subject key, "private dinner for 20 people – 14 september" from the same
      // sender, would have joined it too). The Mailgun forward's plus token and In-Reply-To match nothing either, and
      // no other mail of Anna's exists: it starts its own conversation.
      expect(await shapes(ch.id)).toEqual(
        ordered([
          conversation(
            'email',
            'message',
            { name: 'Emma Clarke', email: 'emma.clarke@example.co.uk', identity: 'email:emma.clarke@example.co.uk' },
            [
              message({
                author: emma,
                externalId: '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>',
                // No StrippedTextReply: the plain body.
                text: newThread.TextBody,
                createdAt: '2024-06-10T10:04:55.000Z',
              }),
              message({
                author: emma,
                externalId: '<CAF8kq1xAAbbCCddEEffGGhhIIjjKKllMMnnOOppQQrr@mail.gmail.com>',
                parent: '<out-7f3c2a.1718020000@mail.dagino.example>',
                text: reply.StrippedTextReply,
                createdAt: '2024-06-11T07:12:03.000Z',
              }),
            ],
            'Private dinner for 20 people – 14 September',
          ),
          conversation(
            'email',
            'message',
            { name: 'Giuseppe Verdi', email: 'g.verdi@libero.example', identity: 'email:g.verdi@libero.example' },
            [
              message({
                author: contactAuthor('Giuseppe Verdi', 'email:g.verdi@libero.example'),
                externalId: '<20240611101530.5F2A1C0B9E@smtp.libero.example>',
                text: withPdf.TextBody,
                attachments: [{ type: 'file', name: 'ricevuta_bonifico.pdf', mimeType: 'application/pdf', size: 82 }],
                createdAt: '2024-06-11T08:15:30.000Z',
              }),
            ],
            'Ricevuta bonifico acconto – prenotazione DG-2024-09-14',
          ),
          conversation(
            'email',
            'message',
            { name: 'Anna Ferrari', email: 'anna.ferrari@example.it', identity: 'email:anna.ferrari@example.it' },
            [
              message({
                author: contactAuthor('Anna Ferrari', 'email:anna.ferrari@example.it'),
                externalId: '<CAJ5xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789@mail.gmail.com>',
                parent: '<out-9d1e4b.1718090000@mail.dagino.example>',
                text: 'Ciao, possiamo spostare alle 21:00? 🙏',
                createdAt: '2024-06-11T09:59:58.000Z',
              }),
            ],
            'Re: La tua prenotazione di venerdì',
          ),
        ]),
      );
      expect(newThread.TextBody).toContain("We'd like to book your back room");
      expect(withPdf.TextBody).toContain('in allegato la ricevuta del bonifico di 200,00 €');
    });

    it('refuses wrong Basic credentials and a forged Mailgun signature, storing nothing', async () => {
      const ch = channel('email');
      const before = await stored(ch.id);
      const postmark = reserialized(fixtureBytes('email', 'postmark_new_thread.json'));
      const wrongAuth = { authorization: `Basic ${Buffer.from('postmark:not-the-token').toString('base64')}` };
      const wrong = await post(desk, ch.id, postmark, { 'content-type': 'application/json', ...wrongAuth });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'SIGNATURE_INVALID' });
      const missing = await post(desk, ch.id, postmark, { 'content-type': 'application/json' });
      expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 401, code: 'SIGNATURE_MISSING' });

      const fields = mailgunFields();
      const forged = await postForm(form({ ...fields, signature: fields.signature!.replace(/^./, (c) => (c === 'f' ? 'e' : 'f')) }));
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 403, code: 'SIGNATURE_INVALID' });
      const retokened = await postForm(form({ ...fields, token: `${fields.token}0` }));
      expect({ status: retokened.status, code: retokened.body.code }).toEqual({ status: 403, code: 'SIGNATURE_INVALID' });
      const { signature: _dropped, ...unsigned } = fields;
      const noSignature = await postForm(form(unsigned));
      expect({ status: noSignature.status, code: noSignature.body.code }).toEqual({ status: 401, code: 'SIGNATURE_MISSING' });
      const mailgunWithoutAuth = await postForm(form(fields), {});
      expect({ status: mailgunWithoutAuth.status, code: mailgunWithoutAuth.body.code }).toEqual({ status: 401, code: 'SIGNATURE_MISSING' });
      expect(await stored(ch.id)).toEqual(before);
    });

    it('a redelivery of the Postmark mails in other bytes (compact JSON) changes nothing', async () => {
      await expectReserializedRedeliveryChangesNothing(channel('email'), 'email', files);
    });

    // The README: Mailgun signs only timestamp + token, so "reject stale timestamp and replayed token". A captured
    // delivery's timestamp, token and signature reused with other fields is a forged mail, not Mailgun's.
    it('refuses a Mailgun delivery that replays the fixture token with other fields, storing nothing', async () => {
      const ch = channel('email');
      const before = await stored(ch.id);
      const forged = await postForm(
        form({
          ...mailgunFields(),
          from: 'Anna Ferrari <anna.ferrari@example.it>',
          'stripped-text': 'Nuovo IBAN per il rimborso: IT60X0542811101000000123456',
          'body-plain': 'Nuovo IBAN per il rimborso: IT60X0542811101000000123456',
          'Message-Id': '<forged-0001@mail.gmail.com>',
        }),
      );
      expect(await settled(desk, admin, ch.id)).toEqual([]);
      expect({ status: forged.status, code: forged.body.code, stored: await stored(ch.id) }).toEqual({ status: 403, code: 'WEBHOOK_REPLAYED', stored: before });
      // The genuine delivery, byte for byte, is still only a duplicate.
      expect(await postForm(form(mailgunFields()))).toEqual({ status: 200, body: { received: true, duplicate: true, events: 1 } });
      expect(await stored(ch.id)).toEqual(before);
    });
  });

  // ---- YouTube (polled) -----------------------------------------------------------------------------------------

  describe('youtube', () => {
    const ytChannel = 'UCx1y2z3DaGino00000000Ab';
    const thread1 = 'UgzKp4Qx9rN2mB7vL1Z4AaABAg';
    const thread2 = 'Ugw7tYc3nM8kP2qR5sX9AaABAg';
    const expected = () =>
      ordered([
        conversation('youtube', 'comment', { name: '@giuliarossi92', username: '@giuliarossi92', identity: 'youtube:UCg1uL14R0ss1Xyz9876543Q' }, [
          message({
            author: contactAuthor('@giuliarossi92', 'youtube:UCg1uL14R0ss1Xyz9876543Q'),
            externalId: thread1,
            text: 'La carbonara più buona che abbia mai visto 😍🍝 ricetta originale?',
            createdAt: '2024-06-10T08:42:11.000Z',
          }),
          // authorChannelId is our own channel: the business's reply, an echo.
          message({
            author: businessAuthor('@DaGinoTrattoria'),
            externalId: `${thread1}.A4bC7dE0fG3A4bC7dE0fG3`,
            parent: thread1,
            text: 'Grazie Giulia! Sì, la ricetta è quella della nonna 😊',
            createdAt: '2024-06-10T09:15:02.000Z',
          }),
          message({
            author: contactAuthor('@marktravels', 'youtube:UCm4rkTr4v3lsXyZ123456Ab'),
            externalId: `${thread1}.A4bC9xY2zW5A4bC9xY2zW5`,
            parent: thread1,
            text: 'I tried it last week, can confirm 🔥',
            createdAt: '2024-06-10T10:01:44.000Z',
          }),
        ]),
        // updatedAt > publishedAt: edited on YouTube before the desk first saw it, so there is no earlier text to keep.
        conversation('youtube', 'comment', { name: '@foodlover_it', username: '@foodlover_it', identity: 'youtube:UCf00dL0v3rIt4ly000000Zz' }, [
          message({
            author: contactAuthor('@foodlover_it', 'youtube:UCf00dL0v3rIt4ly000000Zz'),
            externalId: thread2,
            text: "Che musica c'è in sottofondo? 🎶 What's the song?",
            edited: true,
            createdAt: '2024-06-09T18:30:00.000Z',
          }),
        ]),
      ]);

    const youtubeConfig = () => ({ ...FIXTURE_CONFIG.youtube, apiBaseUrl: fake.baseUrls.youtube });
    const polled = async (ch: TestChannel, bodies: number) => {
      await eventually(async () => (await events(ch.id)).length >= bodies || undefined, 20_000, `${bodies} poll responses of ${ch.id}`);
      expect(await settled(desk, admin, ch.id)).toEqual([]);
      return events(ch.id);
    };

    it('polls at creation: a conversation per comment thread, the replies in it, our own reply as an echo, the edited thread', async () => {
      const ch = await createChannel(desk, admin, 'youtube', youtubeConfig());
      const stored_ = await polled(ch, 1);
      // The first poll reads one commentThreads page (the fixture); its embedded replies are complete (2 of 2), so
      // no comments.list call is needed.
      // Four comments in it: two top-level, two replies.
      expect(stored_.map((e) => ({ source: e.source, status: e.status, events: e.events }))).toEqual([{ source: 'poll', status: 'processed', events: 4 }]);
      const threadCalls = fake.requests.filter((r) => r.platform === 'youtube' && r.path.endsWith('/commentThreads'));
      expect(threadCalls).toHaveLength(1);
      expect(threadCalls[0]!.query).toMatchObject({ allThreadsRelatedToChannelId: ytChannel, part: 'snippet,replies' });
      expect(threadCalls[0]!.headers.authorization).toBe('Bearer yt-token');
      expect(await shapes(ch.id)).toEqual(expected());

      // YouTube has no webhooks: a delivery to the channel's URL is refused, whatever it carries.
      const pushed = await post(desk, ch.id, fixtureBytes('youtube', 'commentThreads_list_response.json'), { 'content-type': 'application/json' });
      expect(pushed.status).toBe(403);
    });

    it('fetches comments.list (the replies fixture) when a thread embeds only part of its replies; each reply stored once', async () => {
      const page = fixtureJson('youtube', 'commentThreads_list_response.json');
      // totalReplyCount stays 2, one reply embedded: the poller must read the rest from comments.list.
      page.items[0].replies.comments = page.items[0].replies.comments.slice(0, 1);
      fake.youtube({ commentThreads: page, comments: fixtureJson('youtube', 'comments_list_replies_response.json') });
      const before = fake.requests.length;
      const ch = await createChannel(desk, admin, 'youtube', youtubeConfig());
      const stored_ = await polled(ch, 2);
      expect(stored_.map((e) => ({ source: e.source, status: e.status, events: e.events })).sort((a, b) => a.events - b.events)).toEqual([
        // comments.list: both replies; the commentThreads page: the two top-level comments and the one embedded reply.
        { source: 'poll', status: 'processed', events: 2 },
        { source: 'poll', status: 'processed', events: 3 },
      ]);
      const replyCalls = fake.requests.slice(before).filter((r) => r.platform === 'youtube' && r.path.endsWith('/comments'));
      expect(replyCalls.map((r) => r.query.parentId)).toEqual([thread1]);
      // The embedded reply and the same reply in comments.list are one message.
      expect(await shapes(ch.id)).toEqual(expected());
      fake.reset();
    });

    it('a 403 quotaExceeded (the error fixture) is shown as the poll error, stores nothing and is not retried before the next poll', async () => {
      fake.behave({ failNext: 1, failStatus: 403, failBody: fixtureBytes('youtube', 'error_quota_exceeded.json').toString('utf8'), platform: 'youtube' });
      const ch = await createChannel(desk, admin, 'youtube', youtubeConfig());
      const view = await eventually(async () => {
        const res = await desk.http().get(`/api/channels/${ch.id}`).set(bearer(admin));
        return res.body.pollError ? res.body : undefined;
      }, 20_000, 'the poll error');
      expect(view.pollError).toBe('YouTube API 403: The request cannot be completed because you have exceeded your quota. (quotaExceeded)');
      await new Promise((r) => setTimeout(r, 300));
      expect(await events(ch.id)).toEqual([]);
      expect(await conversationsOf(desk, admin, { channelId: ch.id })).toEqual([]);
      fake.reset();
    });
  });
});

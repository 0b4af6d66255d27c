import { DataSource } from 'typeorm';
import { fixtureBytes } from '../../libs/channels/src/testing/fixtures';
import { dataSourceOptions, MIGRATIONS_TABLE } from '../../libs/db/src/data-source.options';
import { runMigrations } from '../../libs/db/src/migrate';
import { createTestDatabase } from '../../libs/db/src/testing/test-database';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { bearer } from '../support/http';
import { conversationDetail, conversationsOf, createChannel, deliver, deliverFixture, settled, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

/**
 * What an inbox row shows without opening the conversation: `preview`, the first line of the customer's latest
 * message, and `context`, the post or page the conversation is about. Both read the same from the list, the
 * detail, the writes and the live events.
 */
describe('conversation preview and context', () => {
  let desk: TestDesk;
  let admin: string;
  let api: TestChannel;
  let facebook: TestChannel;
  let n = 0;
  const base = Date.UTC(2026, 2, 1, 9, 0, 0);
  /** Event times grow by a minute each, so "latest" is unambiguous unless a test says otherwise. */
  const event = (fields: Record<string, unknown>) => {
    n += 1;
    return { id: `pv-${n}`, kind: 'comment', author: { id: 'cust-1', name: 'Giulia Rossi' }, text: 'hello', createdAt: new Date(base + n * 60_000).toISOString(), ...fields };
  };
  const send = async (channel: TestChannel, body: unknown) => {
    const res = await deliver(desk, channel, typeof body === 'string' ? body : JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(await settled(desk, admin, channel.id)).toEqual([]);
  };
  /** The conversation as the list shows it and as the detail shows it, which must agree. */
  const seen = async (id: string, channelId: string) => {
    const row = (await conversationsOf(desk, admin, { channelId })).find((c) => c.id === id);
    const detail = await conversationDetail(desk, admin, id);
    expect(row).toBeDefined();
    expect({ preview: row!.preview, context: row!.context }).toEqual({ preview: detail.preview, context: detail.context });
    return detail;
  };
  const conversationHolding = async (channelId: string, externalId: string) => {
    for (const c of await conversationsOf(desk, admin, { channelId })) {
      const detail = await conversationDetail(desk, admin, c.id);
      if (detail.messages.some((m) => m.externalId === externalId)) return detail;
    }
    throw new Error(`no conversation holds ${externalId}`);
  };

  beforeAll(async () => {
    desk = await startTestDesk({ WORKER_POLL_MS: '50' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    api = await createChannel(desk, admin, 'api');
    facebook = await createChannel(desk, admin, 'facebook');
  });
  afterAll(() => desk.shutdown());

  it("follows the customer's latest message: its first line, cut at 140 characters; replies, notes and our own echoes leave it", async () => {
    const root = event({ threadId: 'follow', text: '\n   Il tavolo per quattro è ancora libero?  \nPer sabato sera, alle 20.' });
    await send(api, root);
    const { id } = await conversationHolding(api.id, root.id);
    expect((await seen(id, api.id)).preview).toBe('Il tavolo per quattro è ancora libero?');

    const long = `${'Vorrei sapere se avete opzioni senza glutine '.repeat(6)}\nsecond line`;
    await send(api, event({ threadId: 'follow', text: long, author: { id: 'cust-2', name: 'Mark' } }));
    const cut = (await seen(id, api.id)).preview as string;
    expect([...cut]).toHaveLength(140);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);

    const last = event({ threadId: 'follow', text: 'Grazie mille!' });
    await send(api, last);
    expect((await seen(id, api.id)).preview).toBe('Grazie mille!');

    const reply = await desk.http().post(`/api/conversations/${id}/replies`).set(bearer(admin)).send({ text: 'Certo, a sabato!' });
    expect(reply.status).toBe(201);
    const note = await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(admin)).send({ text: 'Tavolo 12 riservato' });
    expect(note.status).toBe(201);
    await send(api, event({ threadId: 'follow', text: 'Vi aspettiamo', fromBusiness: true, author: { id: 'brand', name: 'Da Gino' } }));
    const status = await desk.http().post(`/api/conversations/${id}/status`).set(bearer(admin)).send({ status: 'pending' });
    expect(status.body).toMatchObject({ status: 'pending', preview: 'Grazie mille!' });
    expect((await seen(id, api.id)).preview).toBe('Grazie mille!');

    // A message the platform dates earlier arrives late: it is not the latest word, whatever the arrival order.
    await send(api, event({ threadId: 'follow', text: 'Scritto prima, arrivato dopo', createdAt: new Date(base).toISOString() }));
    expect((await seen(id, api.id)).preview).toBe('Grazie mille!');

    // The same id with a changed text is an edit of the latest message.
    await send(api, { ...last, text: 'Anzi, possiamo venire alle 21?\nSiamo in cinque' });
    expect((await seen(id, api.id)).preview).toBe('Anzi, possiamo venire alle 21?');
  });

  it('takes the context of an api event, keeps only http(s) links, and fills it from a later event when the first had none', async () => {
    const withContext = event({ threadId: 'ctx-a', text: 'Quanto costa?', context: { url: 'https://shop.example/p/42', title: 'Pizza oven 42' } });
    await send(api, withContext);
    const a = await conversationHolding(api.id, withContext.id);
    expect(a.context).toEqual({ url: 'https://shop.example/p/42', title: 'Pizza oven 42' });
    // The conversation keeps what it was started on.
    await send(api, event({ threadId: 'ctx-a', text: 'E la consegna?', context: { url: 'https://shop.example/p/99', title: 'Another' } }));
    expect((await seen(a.id, api.id)).context).toEqual({ url: 'https://shop.example/p/42', title: 'Pizza oven 42' });

    const unsafe = event({ threadId: 'ctx-b', text: 'Link strano', context: { url: 'javascript:alert(1)', title: 'Promo' } });
    await send(api, unsafe);
    expect((await conversationHolding(api.id, unsafe.id)).context).toEqual({ url: null, title: 'Promo' });

    const bare = event({ threadId: 'ctx-c', text: 'Senza contesto' });
    await send(api, bare);
    const c = await conversationHolding(api.id, bare.id);
    expect(c.context).toBeNull();
    await send(api, event({ threadId: 'ctx-c', text: 'Ora con', context: { url: 'http://blog.example/post/7' } }));
    expect((await seen(c.id, api.id)).context).toEqual({ url: 'http://blog.example/post/7', title: null });
  });

  it('takes the post permalink of Facebook comments and follows edits and deletes of the latest customer comment', async () => {
    const permalink = 'https://www.facebook.com/104857600123456/posts/pfbid02Xq7kGmT9vLwZc3RrN1aYpB8sDfHj6uE4oKi2LtMnQ5WvXyZbCd9eF1gH3jK4lM';
    const giulia = '987654321098765_1122334455667788';
    const at = async (file: string) => {
      expect((await deliverFixture(desk, facebook, 'facebook_page', file)).status).toBe(200);
      expect(await settled(desk, admin, facebook.id)).toEqual([]);
      const detail = await conversationHolding(facebook.id, giulia);
      return seen(detail.id, facebook.id);
    };
    expect(await at('comment_add.json')).toMatchObject({ preview: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto?', context: { url: permalink, title: null } });
    const mark = 'Same question here 🙋‍♂️ also, do you take reservations for 8 people?';
    expect((await at('comment_reply_add.json')).preview).toBe(mark);
    expect((await at('comment_by_page_echo.json')).preview).toBe(mark);
    // Mark's reply is deleted: Giulia's comment is the customers' latest word again.
    expect((await at('comment_remove.json')).preview).toBe('Che meraviglia! 😍 Siete aperti anche a Ferragosto?');
    expect((await at('comment_edited.json')).preview).toBe('Che meraviglia! 😍 Siete aperti anche a Ferragosto? (e a pranzo?)');
  });

  it("builds a Facebook post's public address from its id when the payload has no permalink, and shows no preview of a comment deleted before it arrived", async () => {
    const body = JSON.parse(fixtureBytes('facebook_page', 'comment_add.json').toString('utf8'));
    const value = body.entry[0].changes[0].value;
    delete value.post;
    Object.assign(value, { comment_id: '987654321098765_5550001', message: 'Senza permalink', post_id: '104857600123456_987654321098765' });
    await send(facebook, body);
    const derived = await conversationHolding(facebook.id, '987654321098765_5550001');
    expect(derived).toMatchObject({ preview: 'Senza permalink', context: { url: 'https://www.facebook.com/104857600123456/posts/987654321098765', title: null } });

    // The removal arrives first (its tombstone waits), then the comment: a conversation whose only message is deleted.
    const removed = { ...value, comment_id: '987654321098765_5550002', message: 'Cancellato subito', verb: 'remove' };
    await send(facebook, { ...body, entry: [{ ...body.entry[0], changes: [{ field: 'feed', value: removed }] }] });
    await send(facebook, { ...body, entry: [{ ...body.entry[0], changes: [{ field: 'feed', value: { ...removed, verb: 'add' } }] }] });
    const gone = await conversationHolding(facebook.id, '987654321098765_5550002');
    expect(gone.messages.map((m) => m.deleted)).toEqual([true]);
    expect(gone.preview).toBeNull();
  });

  describe('live', () => {
    let live: LiveClient;
    beforeAll(async () => {
      live = await connected(desk.url, { token: admin });
    });
    afterAll(() => live.close());

    it('carries the new preview and the context in conversation.created, message.created, message.updated and conversation.updated', async () => {
      const first = event({ threadId: 'live', text: 'Prima domanda\ncon dettagli', context: { url: 'https://shop.example/live', title: 'Live' } });
      await send(api, first);
      const created = await live.waitFor((r) => r.name === 'conversation.created' && r.body.conversation.preview === 'Prima domanda');
      expect(created.body.conversation.context).toEqual({ url: 'https://shop.example/live', title: 'Live' });
      const id = created.body.conversation.id as string;
      const ofThis = (name: string, preview: string) => (r: { name: string; body: any }) => r.name === name && r.body.conversation?.id === id && r.body.conversation.preview === preview;

      await send(api, event({ threadId: 'live', text: 'Seconda domanda' }));
      const message = await live.waitFor(ofThis('message.created', 'Seconda domanda'), 10_000, 'message.created with the new preview');
      expect(message.body.message).toMatchObject({ text: 'Seconda domanda', direction: 'inbound' });

      await send(api, { ...first, text: 'Prima domanda, corretta' });
      await live.waitFor((r) => r.name === 'message.updated' && r.body.conversation?.id === id && r.body.message.text === 'Prima domanda, corretta');
      // Editing an older message leaves the preview with the latest one.
      expect((await seen(id, api.id)).preview).toBe('Seconda domanda');

      expect((await desk.http().post(`/api/conversations/${id}/status`).set(bearer(admin)).send({ status: 'resolved' })).status).toBe(200);
      await send(api, event({ threadId: 'live', text: 'Riapro: ancora una cosa' }));
      const reopened = await live.waitFor(ofThis('conversation.updated', 'Riapro: ancora una cosa'), 10_000, 'conversation.updated with the new preview');
      expect(reopened.body.conversation).toMatchObject({ status: 'open', context: { url: 'https://shop.example/live', title: 'Live' } });
    });
  });

  it('documents both fields in the OpenAPI description of a conversation', async () => {
    const schemas = (await desk.http().get('/api/docs-json')).body.components.schemas as Record<string, { properties: Record<string, any> }>;
    const conversation = schemas.ConversationDto!.properties;
    expect(conversation.preview).toMatchObject({ type: 'string', nullable: true, description: expect.stringContaining('first line') });
    expect(conversation.context).toMatchObject({ nullable: true, description: expect.stringContaining('post, page or video') });
    expect(Object.keys(schemas.ConversationContextDto!.properties).sort()).toEqual(['title', 'url']);
  });

  it('fills the preview of conversations that existed before, from their messages, when the migration runs', async () => {
    const db = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      await runMigrations(ds);
      // Back to the schema before this migration (and any added after it).
      const applied = async () => ((await ds.query(`SELECT name FROM "${MIGRATIONS_TABLE}"`)) as Array<{ name: string }>).map((r) => r.name);
      while ((await applied()).includes('ConversationPreview1766200000000')) await ds.undoLastMigration({ transaction: 'all' });
      const [{ id: ws }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('Old') RETURNING id`);
      const [{ id: channel }] = await ds.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', 'old', '') RETURNING id`, [ws]);
      const conversation = async (key: string, subject: string | null = null): Promise<string> =>
        (
          await ds.query(
            `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, subject)
             VALUES ($1, $2, 'api', 'comment', $3, $3, now(), $4) RETURNING id`,
            [ws, channel, key, subject],
          )
        )[0].id;
      const message = (conv: string, direction: string, text: string, at: string, deleted = false) =>
        ds.query(
          `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, author_type, text, created_at, deleted)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [ws, conv, channel, direction, direction === 'inbound' ? 'contact' : 'user', text, at, deleted],
        );
      const talk = await conversation('talk', 'Pizza oven 42');
      await message(talk, 'inbound', 'Prima\nseconda', '2026-01-01T10:00:00Z');
      await message(talk, 'inbound', '  Ultima parola  \naltro', '2026-01-01T10:05:00Z');
      await message(talk, 'outbound', 'La nostra risposta', '2026-01-01T10:06:00Z');
      await message(talk, 'note', 'Una nota', '2026-01-01T10:07:00Z');
      await message(talk, 'inbound', 'Cancellato', '2026-01-01T10:08:00Z', true);
      const quiet = await conversation('quiet');
      await message(quiet, 'outbound', 'Solo noi', '2026-01-01T10:00:00Z');

      await runMigrations(ds);
      const after = await ds.query(`SELECT id, preview, preview_at, context_url, context_title FROM conversations ORDER BY thread_key`);
      expect(after).toEqual([
        { id: quiet, preview: null, preview_at: null, context_url: null, context_title: null },
        { id: talk, preview: 'Ultima parola', preview_at: new Date('2026-01-01T10:05:00Z'), context_url: null, context_title: 'Pizza oven 42' },
      ]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

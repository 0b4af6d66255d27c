import { bearer, expectCode, messages, NO_SUCH } from '../support/http';
import { createChannel, deliver, deliverFixture, settled, TestChannel } from '../support/inbox';
import { createRole } from '../support/routing';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce } from '../support/task-force';

type Rule = { name: string; when?: Record<string, unknown>; then: { roleId: string; priority?: string; tags?: string[] } };
interface Routed {
  id: string;
  role_id: string | null;
  priority: string;
  tags: string[];
  language: string | null;
  sentiment: string | null;
  map_version: number | null;
  route_rule: string | null;
}
interface Sent {
  id?: string;
  text: string;
  kind?: 'comment' | 'mention' | 'message';
  authorId?: string;
  followers?: number;
  fromBusiness?: boolean;
  inReplyTo?: string;
}

// Texts the classifier must judge without doubt (long, plain, one language, one mood).
const ITALIAN = 'Buongiorno, vorrei sapere a che ora aprite domani mattina e se posso prenotare un tavolo per quattro persone.';
const ENGLISH = 'Good morning, I would like to know what time you open tomorrow and whether I can book a table for four people.';
const NEGATIVE = 'Servizio pessimo, sono furioso 😡 una vergogna, non tornerò mai più!';
const POSITIVE = 'Grazie mille, tutto perfetto e buonissimo, siete fantastici! 😍';

describe('responsibility map', () => {
  useTaskForce();
  let channel: TestChannel;
  let channel2: TestChannel;
  let care: string;
  let sales: string;
  let pr: string;
  let otherRole: string;
  let serial = 0;

  const put = (token: string, body: unknown) => desk.http().put('/api/responsibility-map').set(bearer(token)).send(body as object);
  async function putMap(rules: Rule[], defaultRoleId = care): Promise<number> {
    const res = await put(lead.token, { defaultRoleId, rules });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return res.body.version as number;
  }
  const dryRun = async (body: Record<string, unknown>, token = lead.token) => {
    const res = await desk.http().post('/api/responsibility-map/dry-run').set(bearer(token)).send({ channelType: 'api', kind: 'comment', ...body });
    expect(res.status).toBe(200);
    return res.body as { roleId: string | null; rule: string | null; priority: string; language: string | null; sentiment: string | null; tags: string[]; mapVersion: number | null };
  };

  const routedOf = async (externalId: string, ch: TestChannel = channel): Promise<Routed> =>
    (
      await sql.query(
        `SELECT c.id, c.role_id, c.priority, c.tags, c.language, c.sentiment, c.map_version, c.route_rule
         FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.channel_id = $1 AND m.external_id = $2`,
        [ch.id, externalId],
      )
    ).rows[0] as Routed;
  const historyOf = async (conversationId: string) =>
    (await sql.query(`SELECT type, actor_type, actor_name, reason, from_state, to_state, rule, map_version FROM conversation_history WHERE conversation_id = $1 ORDER BY id`, [conversationId]))
      .rows;

  const event = (e: Sent) => {
    const id = e.id ?? `ev-${++serial}`;
    return {
      id,
      kind: e.kind ?? 'comment',
      author: { id: e.authorId ?? `author-${serial}`, name: 'Cliente', ...(e.followers !== undefined ? { followers: e.followers } : {}) },
      text: e.text,
      ...(e.fromBusiness ? { fromBusiness: true } : {}),
      ...(e.inReplyTo ? { inReplyTo: e.inReplyTo } : {}),
    };
  };
  /** Delivers the events as one signed batch, waits until processed, and answers each one's conversation. */
  async function sendAll(events: Sent[], ch: TestChannel = channel): Promise<Routed[]> {
    const bodies = events.map(event);
    const res = await deliver(desk, ch, JSON.stringify({ events: bodies }));
    expect(res.status).toBe(200);
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    const routed: Routed[] = [];
    for (const b of bodies) routed.push(await routedOf(b.id, ch));
    return routed;
  }
  const send = async (e: Sent, ch: TestChannel = channel) => (await sendAll([e], ch))[0]!;
  const roleNamed = (name: string) => createRole(desk, lead.token, { name });

  beforeAll(async () => {
    channel = await createChannel(desk, admin, 'api', { secret: 'map-secret-1' });
    channel2 = await createChannel(desk, admin, 'api', { secret: 'map-secret-2' });
    care = await roleNamed('Customer care');
    sales = await roleNamed('Sales');
    pr = await roleNamed('PR');
    otherRole = await createRole(desk, (await otherWorkspace(desk, admin)).admin, { name: 'Theirs' });
  });

  describe('before the first map', () => {
    let unrouted: Routed;

    it('answers version 0 and leaves conversations without a role, without history', async () => {
      const res = await desk.http().get('/api/responsibility-map').set(bearer(agent.token));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ version: 0, defaultRoleId: null, rules: [], createdAt: null, createdBy: null });
      expect((await desk.http().get('/api/responsibility-map/versions').set(bearer(agent.token))).body).toEqual({ items: [] });
      unrouted = await send({ id: 'early-1', kind: 'message', authorId: 'early-bird', text: 'Hello, anyone there?' });
      expect(unrouted).toMatchObject({ role_id: null, map_version: null, route_rule: null });
      expect(await historyOf(unrouted.id)).toEqual([]);
      expect(await dryRun({ text: 'Hello' })).toMatchObject({ roleId: null, rule: null, priority: 'normal', mapVersion: null });
    });

    it('routes such a conversation at its next customer message once a map exists, and tells the role live', async () => {
      const version = await putMap([{ name: 'Direct', when: { kinds: ['message'] }, then: { roleId: sales, priority: 'high', tags: ['dm'] } }]);
      const later = await send({ id: 'early-2', kind: 'message', authorId: 'early-bird', text: 'Hello again?' });
      expect(later.id).toBe(unrouted.id);
      expect(later).toMatchObject({ role_id: sales, priority: 'high', tags: ['dm'], map_version: version, route_rule: 'Direct' });
      expect(await historyOf(unrouted.id)).toEqual([
        {
          type: 'routed',
          actor_type: 'system',
          actor_name: 'responsibility map',
          reason: 'rule "Direct"',
          from_state: { roleId: null, assigneeId: null },
          to_state: { roleId: sales, assigneeId: null },
          rule: 'Direct',
          map_version: version,
        },
      ]);
      const events = (await sql.query(`SELECT role_ids, payload FROM domain_events WHERE type = 'conversation.assigned' AND conversation_id = $1`, [unrouted.id])).rows;
      expect(events).toHaveLength(1);
      expect(events[0].role_ids).toEqual([sales]);
      expect(events[0].payload).toMatchObject({
        conversation: { id: unrouted.id, roleId: sales, routing: { mapVersion: version, rule: 'Direct' } },
        previous: { roleId: null, assigneeId: null },
        by: { type: 'system', id: null, name: 'responsibility map' },
        reason: 'rule "Direct"',
      });
      // Once routed, further messages leave role and history alone.
      await send({ id: 'early-3', kind: 'message', authorId: 'early-bird', text: 'Still there?' });
      expect(await historyOf(unrouted.id)).toHaveLength(1);
    });
  });

  describe('saving and reading versions', () => {
    it('saves each PUT as the next version, normalized, and lists the versions', async () => {
      const before = (await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.version as number;
      const res = await put(lead.token, {
        defaultRoleId: care,
        rules: [{ name: ' Refunds ', when: { keywords: [' Rimborso '], languages: ['IT'], sentiment: ['negative'] }, then: { roleId: sales, tags: ['Refund'] } }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        version: before + 1,
        defaultRoleId: care,
        rules: [{ name: 'Refunds', when: { keywords: ['Rimborso'], languages: ['it'], sentiment: ['negative'] }, then: { roleId: sales, tags: ['refund'] } }],
        createdAt: expect.any(String),
        createdBy: { id: lead.id, name: 'Test lead' },
      });
      for (const token of [agent.token, supervisor.token, admin]) {
        expect((await desk.http().get('/api/responsibility-map').set(bearer(token))).body).toEqual(res.body);
      }
      expect((await desk.http().get(`/api/responsibility-map/versions/${before + 1}`).set(bearer(agent.token))).body).toEqual(res.body);
      const list = (await desk.http().get('/api/responsibility-map/versions').set(bearer(agent.token))).body.items;
      expect(list[0]).toEqual({ version: before + 1, defaultRoleId: care, createdAt: res.body.createdAt, createdBy: { id: lead.id, name: 'Test lead' }, rules: 1 });
      expect(list.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: before + 1 }, (_, i) => before + 1 - i));
      expectCode(await desk.http().get('/api/responsibility-map/versions/999').set(bearer(agent.token)), 404, 'MAP_VERSION_NOT_FOUND');
      expectCode(await desk.http().get('/api/responsibility-map/versions/abc').set(bearer(agent.token)), 400, 'VALIDATION_FAILED');
      expectCode(await desk.http().get('/api/responsibility-map/versions/99999999999').set(bearer(agent.token)), 400, 'VALIDATION_FAILED');
    });

    it('gives two concurrent saves consecutive versions', async () => {
      const before = (await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.version as number;
      const results = await Promise.all([
        put(lead.token, { defaultRoleId: care, rules: [] }),
        put(admin, { defaultRoleId: sales, rules: [] }),
        put(lead.token, { defaultRoleId: pr, rules: [] }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.map((r) => r.body.version).sort()).toEqual([before + 1, before + 2, before + 3]);
      const last = results.find((r) => r.body.version === before + 3)!;
      expect((await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.defaultRoleId).toBe(last.body.defaultRoleId);
    });

    it('lets only leads and admins save', async () => {
      expectCode(await put(agent.token, { defaultRoleId: care, rules: [] }), 403, 'ACCESS_DENIED');
      expectCode(await put(supervisor.token, { defaultRoleId: care, rules: [] }), 403, 'ACCESS_DENIED');
      expect((await put(admin, { defaultRoleId: care, rules: [] })).status).toBe(200);
    });

    it('refuses an invalid map naming every offending field, and saves nothing', async () => {
      const before = (await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.version as number;
      const res = await put(lead.token, {
        defaultRoleId: care,
        rules: [
          { name: 'Refunds', when: { keywords: ['refund', '  '], sentiment: 'furious', kinds: ['tweet'], languages: ['ita'] }, then: { roleId: sales, priority: 'asap' } },
          { name: 'refunds', then: { roleId: sales } },
          { name: 'VIP', when: { minFollowers: -5, channelTypes: [] }, then: { roleId: 'vip' } },
        ],
      });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res)).toEqual(
        expect.arrayContaining([
          'rules.0.when.keywords.1 must not be blank',
          'rules.0.when.sentiment must be one of negative, neutral, positive',
          'rules.0.when.kinds.0 must be one of comment, mention, message',
          expect.stringMatching(/^rules\.0\.when\.languages\.0 must be an ISO 639-1/),
          'rules.0.then.priority must be one of low, normal, high, urgent',
          expect.stringMatching(/^rules\.1\.name: "refunds" is already the name of rules\.0/),
          expect.stringMatching(/^rules\.2\.when\.minFollowers must be an integer/),
          expect.stringMatching(/^rules\.2\.when\.channelTypes must not be empty/),
          'rules.2.then.roleId must be a UUID',
        ]),
      );
      expect(messages(res)).toHaveLength(9);

      // Roles that do not exist here, another workspace's included, and unknown channels.
      const missing = await put(lead.token, {
        defaultRoleId: NO_SUCH,
        rules: [
          { name: 'a', then: { roleId: sales } },
          { name: 'b', then: { roleId: otherRole } },
          { name: 'c', when: { channelIds: [channel.id, NO_SUCH] }, then: { roleId: care } },
        ],
      });
      expectCode(missing, 400, 'VALIDATION_FAILED');
      expect(messages(missing).sort()).toEqual(
        [`defaultRoleId: no role ${NO_SUCH} in this workspace`, `rules.1.then.roleId: no role ${otherRole} in this workspace`, `rules.2.when.channelIds.1: no channel ${NO_SUCH} in this workspace`].sort(),
      );
      for (const body of [{}, { defaultRoleId: care }, { defaultRoleId: care, rules: 'all' }, { defaultRoleId: care, rules: [], extra: true }, []]) {
        expectCode(await put(lead.token, body), 400, 'VALIDATION_FAILED');
      }
      expect((await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.version).toBe(before);
    });
  });

  describe('each condition decides', () => {
    const only = (when: Record<string, unknown>) => putMap([{ name: 'the rule', when, then: { roleId: sales } }]);
    const roles = (xs: Routed[]) => xs.map((x) => (x.role_id === sales ? 'rule' : x.role_id === care ? 'default' : x.role_id));

    it('channelTypes', async () => {
      await putMap([
        { name: 'telegram', when: { channelTypes: ['telegram'] }, then: { roleId: pr } },
        { name: 'api', when: { channelTypes: ['api', 'x'] }, then: { roleId: sales } },
      ]);
      expect(await send({ text: 'hello' })).toMatchObject({ role_id: sales, route_rule: 'api' });
      const telegram = await createChannel(desk, admin, 'telegram');
      expect((await deliverFixture(desk, telegram, 'telegram', 'message_private.json')).status).toBe(200);
      expect(await settled(desk, admin, telegram.id)).toEqual([]);
      const { rows } = await sql.query(`SELECT role_id, route_rule FROM conversations WHERE channel_id = $1`, [telegram.id]);
      expect(rows).toEqual([{ role_id: pr, route_rule: 'telegram' }]);
      expect(await dryRun({ channelType: 'telegram', text: 'x' })).toMatchObject({ roleId: pr, rule: 'telegram' });
    });

    it('channelIds', async () => {
      await only({ channelIds: [channel2.id] });
      expect(roles([await send({ text: 'on channel 2' }, channel2), await send({ text: 'on channel 1' })])).toEqual(['rule', 'default']);
      expect((await dryRun({ text: 'x', channelId: channel2.id })).roleId).toBe(sales);
      expect((await dryRun({ text: 'x' })).roleId).toBe(care);
    });

    it('kinds', async () => {
      await only({ kinds: ['mention', 'message'] });
      expect(roles(await sendAll([{ text: 'a', kind: 'mention' }, { text: 'b', kind: 'message' }, { text: 'c', kind: 'comment' }]))).toEqual(['rule', 'rule', 'default']);
    });

    it('keywords: any of them, whole words or phrases, case- and accent-insensitive', async () => {
      await only({ keywords: ['rimborso', 'perché', 'money back'] });
      const routed = await sendAll([
        { text: 'Voglio il RIMBÒRSO subito!' },
        { text: 'Perche non risponde nessuno?' },
        { text: 'Is there a MONEY-BACK guarantee?' },
        { text: '#Rimborso' },
        { text: 'rimborsone e rimborsi' },
        { text: 'back money' },
      ]);
      expect(roles(routed)).toEqual(['rule', 'rule', 'rule', 'rule', 'default', 'default']);
      expect(await dryRun({ text: 'voglio il rimborso, perché?' })).toMatchObject({ roleId: sales, matchedKeywords: ['rimborso', 'perché'] });
    });

    it('minFollowers: the count sent with the message, else the contact stored one', async () => {
      await only({ minFollowers: 1000 });
      const routed = await sendAll([
        { text: 'a', authorId: 'star', followers: 5000 },
        { text: 'b', authorId: 'tiny', followers: 999 },
        { text: 'c', authorId: 'nobody-knows' },
        { text: 'd', authorId: 'edge', followers: 1000 },
      ]);
      expect(roles(routed)).toEqual(['rule', 'default', 'default', 'rule']);
      // A new conversation of a known influencer, this time without the count.
      expect(roles([await send({ text: 'again', authorId: 'star' })])).toEqual(['rule']);
      expect((await dryRun({ text: 'x', followers: 1000 })).roleId).toBe(sales);
      expect((await dryRun({ text: 'x' })).roleId).toBe(care);
    });

    it('languages', async () => {
      await only({ languages: ['it'] });
      const routed = await sendAll([{ text: ITALIAN }, { text: ENGLISH }]);
      expect(routed.map((r) => r.language)).toEqual(['it', 'en']);
      expect(roles(routed)).toEqual(['rule', 'default']);
    });

    it('sentiment, one value or several', async () => {
      await only({ sentiment: 'negative' });
      const routed = await sendAll([{ text: NEGATIVE }, { text: POSITIVE }]);
      expect(routed.map((r) => r.sentiment)).toEqual(['negative', 'positive']);
      expect(roles(routed)).toEqual(['rule', 'default']);
      await only({ sentiment: ['positive', 'neutral'] });
      expect(roles(await sendAll([{ text: NEGATIVE }, { text: POSITIVE }]))).toEqual(['default', 'rule']);
    });

    it('every given condition must hold', async () => {
      await only({ kinds: ['comment'], keywords: ['refund'], minFollowers: 10 });
      const routed = await sendAll([
        { text: 'refund please', followers: 10 },
        { text: 'refund please', followers: 10, kind: 'mention' },
        { text: 'help please', followers: 10 },
        { text: 'refund please', followers: 9 },
      ]);
      expect(roles(routed)).toEqual(['rule', 'default', 'default', 'default']);
    });
  });

  describe('order, default, outcome', () => {
    it('the first matching rule wins; swapping the order swaps the winner', async () => {
      const refunds: Rule = { name: 'Refunds', when: { keywords: ['refund'] }, then: { roleId: sales, priority: 'high', tags: ['billing'] } };
      const mentions: Rule = { name: 'Mentions', when: { kinds: ['mention'] }, then: { roleId: pr, priority: 'urgent', tags: ['pr'] } };
      const v1 = await putMap([refunds, mentions]);
      const first = await send({ text: 'I want a refund', kind: 'mention' });
      expect(first).toMatchObject({ role_id: sales, priority: 'high', tags: ['billing'], route_rule: 'Refunds', map_version: v1 });
      const v2 = await putMap([mentions, refunds]);
      const second = await send({ text: 'I want a refund', kind: 'mention' });
      expect(second).toMatchObject({ role_id: pr, priority: 'urgent', tags: ['pr'], route_rule: 'Mentions', map_version: v2 });
      // The default role takes the rest, at normal priority, without tags.
      const rest = await send({ text: 'just a comment' });
      expect(rest).toMatchObject({ role_id: care, priority: 'normal', tags: [], route_rule: null, map_version: v2 });
      // The older conversation keeps the version and the rule that routed it.
      expect(await routedOf((await sql.query(`SELECT external_id FROM messages WHERE conversation_id = $1`, [first.id])).rows[0].external_id)).toMatchObject({
        role_id: sales,
        map_version: v1,
        route_rule: 'Refunds',
      });

      const detail = await desk.http().get(`/api/conversations/${first.id}`).set(bearer(lead.token));
      expect(detail.body).toMatchObject({ roleId: sales, priority: 'high', routing: { mapVersion: v1, rule: 'Refunds' } });
      expect((await desk.http().get(`/api/conversations/${rest.id}`).set(bearer(lead.token))).body).toMatchObject({ roleId: care, routing: { mapVersion: v2, rule: null } });

      expect(await historyOf(first.id)).toEqual([
        expect.objectContaining({ type: 'routed', actor_name: 'responsibility map', reason: 'rule "Refunds"', rule: 'Refunds', map_version: v1, to_state: { roleId: sales, assigneeId: null } }),
      ]);
      expect(await historyOf(second.id)).toEqual([expect.objectContaining({ type: 'routed', rule: 'Mentions', map_version: v2 })]);
      expect(await historyOf(rest.id)).toEqual([expect.objectContaining({ type: 'routed', reason: 'default role', rule: null, map_version: v2, to_state: { roleId: care, assigneeId: null } })]);
    });

    it('publishes a new conversation with its role already set', async () => {
      await putMap([{ name: 'Mentions', when: { kinds: ['mention'] }, then: { roleId: pr } }]);
      const routed = await send({ text: 'hey @brand', kind: 'mention' });
      const { rows } = await sql.query(`SELECT role_ids, payload FROM domain_events WHERE type = 'conversation.created' AND conversation_id = $1`, [routed.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].role_ids).toEqual([pr]);
      expect(rows[0].payload.conversation).toMatchObject({ roleId: pr, routing: { rule: 'Mentions' } });
    });

    it('routes an echo of the business without classifying it', async () => {
      await putMap([{ name: 'Italian', when: { languages: ['it'] }, then: { roleId: sales } }]);
      // A Page's own Messenger message, written outside the desk, starts the conversation with its customer.
      const facebook = await createChannel(desk, admin, 'facebook');
      expect((await deliverFixture(desk, facebook, 'messenger', 'message_echo.json')).status).toBe(200);
      expect(await settled(desk, admin, facebook.id)).toEqual([]);
      const { rows } = await sql.query(`SELECT id, role_id, language, sentiment, route_rule FROM conversations WHERE channel_id = $1`, [facebook.id]);
      expect(rows).toEqual([{ id: expect.any(String), role_id: care, language: null, sentiment: null, route_rule: null }]);
      expect(await historyOf(rows[0].id)).toEqual([expect.objectContaining({ type: 'routed', reason: 'default role' })]);
    });

    it('skips rules whose role was deleted, falling through to the next rules and the default', async () => {
      const doomed = await roleNamed('Doomed');
      const version = await putMap([
        { name: 'Doomed rule', when: { keywords: ['doom'] }, then: { roleId: doomed } },
        { name: 'Sales rule', when: { keywords: ['doom', 'buy'] }, then: { roleId: sales } },
      ]);
      expect((await send({ text: 'doom' })).role_id).toBe(doomed);
      expect((await desk.http().delete(`/api/roles/${doomed}`).set(bearer(lead.token))).status).toBe(204);
      expect(await send({ text: 'doom' })).toMatchObject({ role_id: sales, route_rule: 'Sales rule', map_version: version });
      expect(await dryRun({ text: 'doom' })).toMatchObject({ roleId: sales, rule: 'Sales rule' });
      // The stored version still names the deleted role (it is history); the map in force is unchanged.
      expect((await desk.http().get('/api/responsibility-map').set(bearer(lead.token))).body.rules[0].then.roleId).toBe(doomed);
    });
  });

  describe('dry run', () => {
    it('agrees with real routing over a list of sample texts', async () => {
      const version = await putMap(
        [
          { name: 'Angry influencers', when: { sentiment: 'negative', minFollowers: 10000 }, then: { roleId: pr, priority: 'urgent', tags: ['crisis'] } },
          { name: 'Refunds', when: { keywords: ['rimborso', 'refund', 'soldi indietro'] }, then: { roleId: sales, priority: 'high', tags: ['billing'] } },
          { name: 'Angry', when: { sentiment: ['negative'] }, then: { roleId: care, priority: 'high' } },
          { name: 'Italian DMs', when: { languages: ['it'], kinds: ['message'] }, then: { roleId: sales } },
          { name: 'Mentions', when: { kinds: ['mention'] }, then: { roleId: pr, priority: 'low' } },
        ],
        care,
      );
      const samples: Sent[] = [
        { text: NEGATIVE, followers: 50000 },
        { text: NEGATIVE, followers: 10 },
        { text: 'Voglio i miei SOLDI indietro!' },
        { text: 'Can I get a refund for my order?' },
        { text: ITALIAN, kind: 'message' },
        { text: ENGLISH, kind: 'message' },
        { text: 'Nice place @brand', kind: 'mention' },
        { text: POSITIVE },
        { text: '👍' },
        { text: 'rimborsone' },
      ];
      const routed = await sendAll(samples.map((s) => ({ ...s, authorId: `sample-${++serial}` })));
      for (const [i, sample] of samples.entries()) {
        const dry = await dryRun({ text: sample.text, kind: sample.kind ?? 'comment', channelId: channel.id, ...(sample.followers !== undefined ? { followers: sample.followers } : {}) }, agent.token);
        const real = routed[i]!;
        expect({ text: sample.text, roleId: dry.roleId, rule: dry.rule, priority: dry.priority, tags: dry.tags, language: dry.language, sentiment: dry.sentiment, mapVersion: dry.mapVersion }).toEqual({
          text: sample.text,
          roleId: real.role_id,
          rule: real.route_rule,
          priority: real.priority,
          tags: real.tags,
          language: real.language,
          sentiment: real.sentiment,
          mapVersion: real.map_version,
        });
        expect(real.map_version).toBe(version);
      }
      // Every rule decided at least once, and the default took the rest.
      expect(routed.map((r) => r.route_rule)).toEqual(['Angry influencers', 'Angry', 'Refunds', 'Refunds', 'Italian DMs', null, 'Mentions', null, null, null]);
    });

    it('is documented', async () => {
      const docs = (await desk.http().get('/api/docs-json')).body;
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining(['/api/responsibility-map', '/api/responsibility-map/versions', '/api/responsibility-map/versions/{version}', '/api/responsibility-map/dry-run']),
      );
      expect(docs.paths['/api/responsibility-map'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PutResponsibilityMapDto' });
    });

    it('validates its body', async () => {
      const res = await desk.http().post('/api/responsibility-map/dry-run').set(bearer(lead.token)).send({ channelType: 'myspace', kind: 'post', followers: -1, channelId: 'x' });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res).join('\n')).toMatch(/channelType[\s\S]*kind[\s\S]*text[\s\S]*followers[\s\S]*channelId/);
    });
  });

  describe('later customer messages', () => {
    it('update the sentiment to the latest message, the language only while unknown', async () => {
      await putMap([]);
      const first = await send({ id: 'mood-1', kind: 'message', authorId: 'moody', text: ITALIAN });
      expect(first).toMatchObject({ role_id: care, language: 'it' });
      const second = await send({ id: 'mood-2', kind: 'message', authorId: 'moody', text: NEGATIVE });
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({ language: 'it', sentiment: 'negative' });
      const third = await send({ id: 'mood-3', kind: 'message', authorId: 'moody', text: 'Thank you so much, you are wonderful and it was perfect! 😍' });
      expect(third).toMatchObject({ language: 'it', sentiment: 'positive' });
      expect(await historyOf(first.id)).toHaveLength(1);
    });
  });
});

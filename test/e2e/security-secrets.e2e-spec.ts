import type { Response } from 'supertest';
import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';
import type { ChannelType } from '../../libs/channels/src';
import { ADMIN_PASSWORD } from '../support/desk';
import { bearer } from '../support/http';
import { conversationsOf, eventually, FIXTURE_CONFIG, settled, type TestChannel } from '../support/inbox';
import { routesOf } from '../support/security/routes';
import { channelSecrets, deliverOneOfEach, everyChannel, leaked, ONE_FIXTURE, POSTMARK_BASIC } from '../support/security/secrets';
import { seedWorkspace, type WorkspaceData, startSecurityDesk, type SecurityDesk } from '../support/security/workspace-data';

jest.setTimeout(60_000);

/**
 * Every GET route of the desk, read by every level with every id filled in, after channels of every type were
 * created, received their platform's fixture and replied through the fake platform: no channel secret, password,
 * password hash, JWT secret, sealing key or bearer token in any body or header. Logs: security-logs.
 */
describe('security: secrets never in responses', () => {
  let tf: SecurityDesk;
  let fake: FakePlatform;
  let w: WorkspaceData;
  let channels: Map<ChannelType, TestChannel>;
  let secrets: string[];
  const bodyAndHeaders = (res: Response) => `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;

  beforeAll(async () => {
    fake = await startFakePlatform();
    tf = await startSecurityDesk({ WORKER_POLL_MS: '100', RETRY_BASE_MS: '100', RETRY_MAX_ATTEMPTS: '2' });
    w = await seedWorkspace(tf.desk, tf.sql, tf.workspaceId, tf.admin, 'a');
    channels = await everyChannel(tf.desk, tf.admin, fake.baseUrls);
    await deliverOneOfEach(tf.desk, channels);
    for (const type of Object.keys(ONE_FIXTURE) as ChannelType[]) expect(await settled(tf.desk, tf.admin, channels.get(type)!.id)).toEqual([]);
    // A reply on every pushing platform, so outbound state (delivery status, errors) is in the answers too.
    for (const type of Object.keys(ONE_FIXTURE) as ChannelType[]) {
      const [conversation] = await conversationsOf(tf.desk, tf.admin, { channelId: channels.get(type)!.id });
      const res = await tf.desk.http().post(`/api/conversations/${conversation!.id}/replies`).set(bearer(tf.admin)).send({ text: `Reply on ${type}` });
      expect(res.status).toBe(201);
    }
    await eventually(async () => (await tf.sql.query(`SELECT 1 FROM messages WHERE direction = 'outbound' AND delivery_status = 'queued'`)).rowCount === 0, 20_000, 'replies to settle');
    const hashes = (await tf.sql.query<{ password_hash: string }>('SELECT password_hash FROM users')).rows.map((r) => r.password_hash);
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    secrets = [
      ...channelSecrets(),
      POSTMARK_BASIC,
      'api-secret-a',
      tf.desk.config.jwtSecret,
      tf.desk.config.secretsKey,
      ...hashes,
      ADMIN_PASSWORD,
      'member-password-1',
      tf.admin,
      w.lead.token,
      w.agent.token,
      w.supervisor.token,
    ];
  });
  afterAll(async () => {
    await tf?.shutdown();
    await fake?.close();
  });

  /** Every concrete path of a GET route: one per channel for channel routes, one per id otherwise. */
  const pathsOf = async (route: string): Promise<string[]> => {
    const path = route.slice(4);
    const events = async (channelId: string) => (await tf.sql.query<{ id: string }>('SELECT id FROM webhook_events WHERE channel_id = $1', [channelId])).rows.map((r) => r.id);
    const all = [...channels.values(), w.channel];
    if (path.startsWith('/api/channels/:id/events/:eventId')) return (await Promise.all(all.map(async (c) => (await events(c.id)).map((e) => `/api/channels/${c.id}/events/${e}`)))).flat();
    if (path.startsWith('/api/channels/:id')) return all.map((c) => path.replace(':id', c.id));
    if (path.startsWith('/api/conversations/:id')) return (await conversationsOf(tf.desk, tf.admin)).map((c) => path.replace(':id', c.id as string));
    if (path === '/webhooks/:channelId') {
      const fb = channels.get('facebook')!;
      return [`/webhooks/${fb.id}?hub.mode=subscribe&hub.verify_token=${FIXTURE_CONFIG.facebook.verifyToken}&hub.challenge=42`, `/webhooks/${channels.get('x')!.id}?crc_token=abc`];
    }
    const ids: Record<string, string> = {
      '/api/users/:id': w.lead.id,
      '/api/contacts/:id': w.contactId,
      '/api/roles/:id': w.roleId,
      '/api/roles/:id/queue': w.roleId,
      '/api/canned-responses/:id': w.cannedId,
      '/api/business-hours/:id': w.businessHoursId,
      '/api/sla-policies/:id': w.slaPolicyId,
      '/api/responsibility-map/versions/:version': String(w.mapVersion),
    };
    if (path.includes(':')) {
      if (!ids[path]) throw new Error(`no id for ${route}: add it here`);
      return [path.replace(/:[a-zA-Z]+/, ids[path]!)];
    }
    return [path];
  };

  it('no GET answer, for any level, holds a secret', async () => {
    const gets = routesOf(tf.desk).filter((r) => r.startsWith('GET '));
    let checked = 0;
    for (const route of gets) {
      for (const path of await pathsOf(route)) {
        for (const token of [tf.admin, w.lead.token, w.supervisor.token, w.agent.token]) {
          const res = await tf.desk.http().get(path).set(bearer(token));
          // The route itself answers the caller's own token nowhere but sign-in and switch.
          expect({ path, leaked: leaked(bodyAndHeaders(res), secrets) }).toEqual({ path, leaked: [] });
          checked += res.status === 200 ? 1 : 0;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('channel answers name the secrets that are set, never their values, also after a rotation', async () => {
    const list = await tf.desk.http().get('/api/channels').set(bearer(tf.admin));
    const telegram = list.body.items.find((c: { id: string }) => c.id === channels.get('telegram')!.id);
    expect(telegram.secretsSet.sort()).toEqual(['botToken', 'secretToken']);
    const rotated = await tf.desk.http().patch(`/api/channels/${telegram.id}`).set(bearer(tf.admin)).send({ config: { secretToken: 'rotated-secret-token-77' } });
    expect(rotated.status).toBe(200);
    expect(leaked(bodyAndHeaders(rotated), [...secrets, 'rotated-secret-token-77'])).toEqual([]);
    const created = await tf.desk.http().post('/api/channels').set(bearer(tf.admin)).send({ type: 'api', name: 'Fresh', config: { secret: 'fresh-api-secret-99' } });
    expect(created.status).toBe(201);
    expect(leaked(bodyAndHeaders(created), ['fresh-api-secret-99'])).toEqual([]);
  });

  it('error answers do not echo secrets or passwords back', async () => {
    const badConfig = await tf.desk.http().post('/api/channels').set(bearer(tf.admin)).send({ type: 'telegram', name: 'Bad', config: { botToken: 'bad-bot-token-123', secretToken: 42, extra: 'bad-extra-secret' } });
    expect(badConfig.status).toBe(400);
    expect(leaked(bodyAndHeaders(badConfig), ['bad-bot-token-123', 'bad-extra-secret'])).toEqual([]);
    const wrong = await tf.desk.http().post('/api/auth/login').send({ email: w.lead.email, password: 'not-my-password-42' });
    expect(wrong.status).toBe(401);
    expect(leaked(bodyAndHeaders(wrong), ['not-my-password-42'])).toEqual([]);
    const badPatch = await tf.desk.http().patch(`/api/users/${w.agent.id}`).set(bearer(tf.admin)).send({ password: 'xQ7z' });
    expect(badPatch.status).toBe(400);
    expect(leaked(bodyAndHeaders(badPatch), ['xQ7z'])).toEqual([]);
  });
});

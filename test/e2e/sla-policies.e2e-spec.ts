import { bearer, expectCode, messages, NO_SUCH } from '../support/http';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';

type Method = 'get' | 'post' | 'patch' | 'delete';

describe('SLA policies', () => {
  useTaskForce();
  let otherAdmin: string;
  let role: string;
  let role2: string;
  let office: string;
  let serial = 0;

  const http = (method: Method, path: string, token: string, body?: unknown) => {
    const req = desk.http()[method](path).set(bearer(token));
    return body === undefined ? req : req.send(body as object);
  };
  const create = (token: string, body: Record<string, unknown>) => http('post', '/api/sla-policies', token, body);
  const newPolicy = async (body: Record<string, unknown> = {}) => {
    const res = await create(supervisor.token, { name: `Policy ${++serial}`, firstResponseSeconds: 900, ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  };
  const names = async (token = admin) => ((await http('get', '/api/sla-policies', token)).body.items as Array<{ name: string }>).map((p) => p.name);
  const count = async () => Number((await sql.query(`SELECT count(*) AS n FROM sla_policies WHERE workspace_id = $1`, [workspaceId])).rows[0].n);
  const newCalendar = async (token: string, name: string) =>
    (await desk.http().post('/api/business-hours').set(bearer(token)).send({ name, timezone: 'Europe/Rome', weekly: [{ day: 1, from: '09:00', to: '18:00' }] })).body
      .id as string;

  beforeAll(async () => {
    otherAdmin = (await otherWorkspace(desk, admin)).admin;
    role = (await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name: 'Care', assignment: 'manual' })).body.id;
    role2 = (await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name: 'Sales', assignment: 'manual' })).body.id;
    office = await newCalendar(admin, 'Office');
  });

  describe('CRUD', () => {
    it('a supervisor creates a policy; left-out fields get their defaults', async () => {
      const res = await create(supervisor.token, { name: ' Everything ', firstResponseSeconds: 3600 });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Everything',
        when: {},
        firstResponseSeconds: 3600,
        nextResponseSeconds: null,
        resolutionSeconds: null,
        businessHoursId: null,
        warnAtPercent: 80,
        onBreach: 'notify',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const { rows } = await sql.query(`SELECT workspace_id, match, breach_action, warn_at_percent, deleted_at FROM sla_policies WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ workspace_id: workspaceId, match: {}, breach_action: 'notify', warn_at_percent: 80, deleted_at: null });
      expect((await http('get', `/api/sla-policies/${res.body.id}`, admin)).body).toEqual(res.body);
    });

    it('stores every field: conditions without duplicates, role ids in lower case, business hours, escalation', async () => {
      const res = await create(admin, {
        name: 'Urgent social',
        when: { priorities: ['urgent', 'high', 'urgent'], channelTypes: ['instagram', 'facebook'], roleIds: [role.toUpperCase(), role2], kinds: ['comment', 'message'] },
        firstResponseSeconds: 900,
        nextResponseSeconds: 1800,
        resolutionSeconds: 86_400,
        businessHoursId: office,
        warnAtPercent: 50,
        onBreach: 'escalate',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        when: { priorities: ['urgent', 'high'], channelTypes: ['instagram', 'facebook'], roleIds: [role, role2], kinds: ['comment', 'message'] },
        firstResponseSeconds: 900,
        nextResponseSeconds: 1800,
        resolutionSeconds: 86_400,
        businessHoursId: office,
        warnAtPercent: 50,
        onBreach: 'escalate',
      });
      const { rows } = await sql.query(`SELECT business_hours_id, breach_action, resolution_seconds FROM sla_policies WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ business_hours_id: office, breach_action: 'escalate', resolution_seconds: 86_400 });
    });

    it('lists live policies in creation order, whatever their names and edits', async () => {
      const zeta = await newPolicy({ name: 'Zeta' });
      await newPolicy({ name: 'Alpha' });
      await http('patch', `/api/sla-policies/${zeta.id}`, admin, { name: 'Zeta edited', firstResponseSeconds: 60 });
      expect(await names()).toEqual(['Everything', 'Urgent social', 'Zeta edited', 'Alpha']);
      const list = await http('get', '/api/sla-policies', lead.token);
      expect(list.status).toBe(200);
      expect(Object.keys(list.body)).toEqual(['items']);
    });

    it('patches what is given: null clears optional targets, `when` is replaced whole', async () => {
      const policy = await newPolicy({ when: { priorities: ['low'], kinds: ['mention'] }, nextResponseSeconds: 600, resolutionSeconds: 7200, businessHoursId: office });
      const res = await http('patch', `/api/sla-policies/${policy.id}`, supervisor.token, {
        when: { channelTypes: ['email'] },
        nextResponseSeconds: null,
        businessHoursId: null,
        warnAtPercent: 90,
        onBreach: 'escalate',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: policy.id,
        name: policy.name,
        when: { channelTypes: ['email'] },
        firstResponseSeconds: 900,
        nextResponseSeconds: null,
        resolutionSeconds: 7200,
        businessHoursId: null,
        warnAtPercent: 90,
        onBreach: 'escalate',
      });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
      expect((await http('get', `/api/sla-policies/${policy.id}`, lead.token)).body).toEqual(res.body);
      expect((await http('patch', `/api/sla-policies/${policy.id}`, admin, {})).body).toMatchObject({ when: { channelTypes: ['email'] }, resolutionSeconds: 7200 });
      expectCode(await http('patch', `/api/sla-policies/${NO_SUCH}`, admin, { name: 'x' }), 404, 'SLA_POLICY_NOT_FOUND');
      expectCode(await http('get', `/api/sla-policies/${NO_SUCH}`, admin), 404, 'SLA_POLICY_NOT_FOUND');
      expectCode(await http('get', '/api/sla-policies/not-a-uuid', admin), 400, 'VALIDATION_FAILED');
    });

    it('deletes softly: 204, then 404 everywhere, the row kept for history', async () => {
      const policy = await newPolicy({ name: 'Doomed' });
      const res = await http('delete', `/api/sla-policies/${policy.id}`, supervisor.token);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectCode(await http('get', `/api/sla-policies/${policy.id}`, admin), 404, 'SLA_POLICY_NOT_FOUND');
      expectCode(await http('patch', `/api/sla-policies/${policy.id}`, admin, { name: 'Back' }), 404, 'SLA_POLICY_NOT_FOUND');
      expectCode(await http('delete', `/api/sla-policies/${policy.id}`, admin), 404, 'SLA_POLICY_NOT_FOUND');
      expect(await names()).not.toContain('Doomed');
      const { rows } = await sql.query(`SELECT name, deleted_at FROM sla_policies WHERE id = $1`, [policy.id]);
      expect(rows[0]).toEqual({ name: 'Doomed', deleted_at: expect.any(Date) });
    });
  });

  describe('validation', () => {
    it('lists every problem at once and stores nothing', async () => {
      const before = await count();
      const res = await create(supervisor.token, {
        name: '',
        when: { priorities: ['asap'], channelTypes: ['myspace', 'x'], roleIds: ['not-a-uuid'], kinds: 'comment', languages: ['it'] },
        firstResponseSeconds: 0,
        nextResponseSeconds: 2.5,
        resolutionSeconds: 31_536_001,
        businessHoursId: 'office',
        warnAtPercent: 0,
        onBreach: 'page',
      });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res)).toEqual([
        'name must be a text of 1 to 100 characters',
        'when.languages is not allowed',
        'when.priorities[0] must be one of low, normal, high, urgent (got "asap")',
        'when.channelTypes[0] must be one of facebook, instagram, whatsapp, x, telegram, youtube, linkedin, email, api (got "myspace")',
        'when.roleIds[0] must be a UUID (got "not-a-uuid")',
        'when.kinds must be a list of comment, mention, message',
        'firstResponseSeconds must be an integer from 1 to 31536000 (got 0)',
        'nextResponseSeconds must be an integer from 1 to 31536000, or null for none (got 2.5)',
        'resolutionSeconds must be an integer from 1 to 31536000, or null for none (got 31536001)',
        'businessHoursId must be a UUID, or null for wall-clock time (got "office")',
        'warnAtPercent must be an integer from 1 to 100 (got 0)',
        'onBreach must be one of notify, escalate (got "page")',
      ]);
      expect(messages(await create(admin, {}))).toEqual(['name is required', 'firstResponseSeconds is required']);
      expect(messages(await create(admin, { name: 'x', firstResponseSeconds: 60, owner: 'me' }))).toEqual(['owner: property owner should not exist']);
      const patch = await http('patch', `/api/sla-policies/${(await newPolicy()).id}`, admin, { firstResponseSeconds: null, warnAtPercent: '80', when: [] });
      expectCode(patch, 400, 'VALIDATION_FAILED');
      expect(messages(patch)).toHaveLength(3);
      expect(await count()).toBe(before + 1);
    });

    it('refuses references outside the workspace: 404 and nothing stored', async () => {
      const theirCalendar = await newCalendar(otherAdmin, 'Theirs');
      const theirRole = (await desk.http().post('/api/roles').set(bearer(otherAdmin)).send({ name: 'Their care', assignment: 'manual' })).body.id as string;
      const before = await count();
      expectCode(await create(admin, { name: 'x', firstResponseSeconds: 60, businessHoursId: NO_SUCH }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      expectCode(await create(admin, { name: 'x', firstResponseSeconds: 60, businessHoursId: theirCalendar }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      const roles = await create(admin, { name: 'x', firstResponseSeconds: 60, when: { roleIds: [role, theirRole, NO_SUCH] } });
      expectCode(roles, 404, 'ROLE_NOT_FOUND');
      expect(messages(roles)).toEqual([`when.roleIds: no role ${theirRole} in this workspace`, `when.roleIds: no role ${NO_SUCH} in this workspace`]);
      const policy = await newPolicy({ businessHoursId: office, when: { roleIds: [role] } });
      expectCode(await http('patch', `/api/sla-policies/${policy.id}`, admin, { businessHoursId: theirCalendar }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      expectCode(await http('patch', `/api/sla-policies/${policy.id}`, admin, { when: { roleIds: [theirRole] } }), 404, 'ROLE_NOT_FOUND');
      expect((await http('get', `/api/sla-policies/${policy.id}`, admin)).body).toMatchObject({ businessHoursId: office, when: { roleIds: [role] } });
      expect(await count()).toBe(before + 1);
    });

    it('answers every malformed body with a coded 4xx, stores and changes nothing', async () => {
      const policy = await newPolicy({ name: 'Steady' });
      const stored = async () =>
        (await sql.query(`SELECT count(*)::int AS n, max(updated_at) FILTER (WHERE id = $2) AS steady FROM sla_policies WHERE workspace_id = $1`, [workspaceId, policy.id]))
          .rows[0];
      const before = await stored();
      const bodies: unknown[] = [
        null,
        [],
        'text',
        42,
        true,
        [{ name: 'x', firstResponseSeconds: 60 }],
        { name: 7, firstResponseSeconds: '60' },
        { name: ['a'], firstResponseSeconds: [60] },
        { name: { first: 'x' }, firstResponseSeconds: { seconds: 60 } },
        { name: null, firstResponseSeconds: null, warnAtPercent: null, onBreach: null, when: null },
        { name: 'x', firstResponseSeconds: 1e308 },
        { name: 'x', firstResponseSeconds: 2 ** 53 + 1 },
        { name: 'x', firstResponseSeconds: -60 },
        { name: 'x', firstResponseSeconds: 60, warnAtPercent: 1e6 },
        { name: 'x'.repeat(101), firstResponseSeconds: 60 },
        { name: 'x', firstResponseSeconds: 60, when: 'everything' },
        { name: 'x', firstResponseSeconds: 60, when: { priorities: 'high' } },
        { name: 'x', firstResponseSeconds: 60, when: { priorities: [null, 1, ['high']] } },
        { name: 'x', firstResponseSeconds: 60, when: { roleIds: Array.from({ length: 500 }, () => NO_SUCH) } },
        { name: 'x', firstResponseSeconds: 60, when: { nested: { deeper: [1, 2, 3] } } },
        { name: 'x', firstResponseSeconds: 60, businessHoursId: 12 },
        { name: 'x', firstResponseSeconds: 60, businessHoursId: ['x'] },
        { name: 'x', firstResponseSeconds: 60, onBreach: ['notify'] },
        { name: 'x', firstResponseSeconds: 60, id: NO_SUCH },
        { name: 'x', firstResponseSeconds: 60, workspaceId: NO_SUCH },
        { name: 'x', firstResponseSeconds: 60, deletedAt: '2026-01-01T00:00:00.000Z' },
        { name: 'x', text: 'b'.repeat(20_000) },
        JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
      ];
      const failures: string[] = [];
      for (const [method, path] of [
        ['post', '/api/sla-policies'],
        ['patch', `/api/sla-policies/${policy.id}`],
      ] as const) {
        for (const body of bodies) {
          // The prototype-only body reads as `{}`: a valid PATCH that changes nothing but updatedAt; skip it there.
          if (method === 'patch' && body === bodies[bodies.length - 1]) continue;
          // Sent as raw JSON, so that null, arrays and scalars reach the desk exactly as written.
          const res = await desk.http()[method](path).set(bearer(admin)).set('content-type', 'application/json').send(JSON.stringify(body));
          const ok = res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string' && !JSON.stringify(res.body).includes('    at ');
          if (!ok) failures.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await stored()).toEqual(before);
      expect((await http('get', `/api/sla-policies/${policy.id}`, admin)).body).toMatchObject({ name: 'Steady', firstResponseSeconds: 900, warnAtPercent: 80 });
    });
  });

  describe('access', () => {
    it('agents reach nothing; leads read; supervisors and admins edit', async () => {
      const policy = await newPolicy();
      const routes: Array<[Method, string, unknown?]> = [
        ['get', '/api/sla-policies'],
        ['get', `/api/sla-policies/${policy.id}`],
        ['post', '/api/sla-policies', { name: 'Agent made', firstResponseSeconds: 60 }],
        ['patch', `/api/sla-policies/${policy.id}`, { name: 'Agent edit' }],
        ['delete', `/api/sla-policies/${policy.id}`],
        ['post', '/api/sla-policies/reapply', {}],
      ];
      const before = await count();
      for (const [method, path, body] of routes) expectCode(await http(method, path, agent.token, body), 403, 'ACCESS_DENIED');
      for (const [method, path, body] of routes.slice(2)) expectCode(await http(method, path, lead.token, body), 403, 'ACCESS_DENIED');
      expect((await http('get', '/api/sla-policies', lead.token)).status).toBe(200);
      expect((await http('get', `/api/sla-policies/${policy.id}`, lead.token)).body.id).toBe(policy.id);
      expect(await count()).toBe(before);
      expect((await http('get', `/api/sla-policies/${policy.id}`, admin)).body.name).toBe(policy.name);

      for (const token of [supervisor.token, admin]) {
        const made = await create(token, { name: 'Editor made', firstResponseSeconds: 60 });
        expect(made.status).toBe(201);
        expect((await http('patch', `/api/sla-policies/${made.body.id}`, token, { name: 'Editor edit' })).status).toBe(200);
        expect((await http('delete', `/api/sla-policies/${made.body.id}`, token)).status).toBe(204);
      }
      expectCode(await desk.http().get('/api/sla-policies'), 401, 'AUTH_REQUIRED');
    });

    it('re-applies the policies on demand: 200 {updated}', async () => {
      for (const token of [supervisor.token, admin]) {
        const res = await http('post', '/api/sla-policies/reapply', token, {});
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ updated: expect.any(Number) });
        expect(Number.isInteger(res.body.updated) && res.body.updated >= 0).toBe(true);
      }
      // Nothing is open in the other workspace: re-matching there touches nothing here, and answers 0.
      expect((await http('post', '/api/sla-policies/reapply', otherAdmin, {})).body).toEqual({ updated: 0 });
    });
  });

  it("keeps workspaces apart: another workspace's policy is 404", async () => {
    const ours = await newPolicy({ name: 'Ours' });
    expect((await http('get', '/api/sla-policies', otherAdmin)).body.items).toEqual([]);
    expectCode(await http('get', `/api/sla-policies/${ours.id}`, otherAdmin), 404, 'SLA_POLICY_NOT_FOUND');
    expectCode(await http('patch', `/api/sla-policies/${ours.id}`, otherAdmin, { name: 'Mine' }), 404, 'SLA_POLICY_NOT_FOUND');
    expectCode(await http('delete', `/api/sla-policies/${ours.id}`, otherAdmin), 404, 'SLA_POLICY_NOT_FOUND');
    const theirs = await create(otherAdmin, { name: 'Theirs', firstResponseSeconds: 60 });
    expect(theirs.status).toBe(201);
    expectCode(await http('get', `/api/sla-policies/${theirs.body.id}`, admin), 404, 'SLA_POLICY_NOT_FOUND');
    expect(await names()).not.toContain('Theirs');
    expect((await http('get', `/api/sla-policies/${ours.id}`, admin)).body.name).toBe('Ours');
  });

  it('is documented in the OpenAPI description', async () => {
    const paths = (await desk.http().get('/api/docs-json')).body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/sla-policies']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/sla-policies/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(paths['/api/sla-policies/reapply']!)).toEqual(['post']);
    expect(Object.keys(paths['/api/workspace/settings']!).sort()).toEqual(['get', 'put']);
  });

  describe('business hours in use', () => {
    it('a calendar named by a live policy cannot be deleted (409); once the policy is deleted it can', async () => {
      const calendar = await newCalendar(supervisor.token, 'Weekdays');
      const first = await newPolicy({ name: 'Uses weekdays', businessHoursId: calendar });
      const second = await newPolicy({ name: 'Also weekdays', businessHoursId: calendar });
      const refused = await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(supervisor.token));
      expectCode(refused, 409, 'BUSINESS_HOURS_IN_USE');
      expect(messages(refused)[0]).toContain('"Uses weekdays", "Also weekdays"');

      await http('delete', `/api/sla-policies/${first.id}`, admin);
      expectCode(await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(admin)), 409, 'BUSINESS_HOURS_IN_USE');
      // Moving the live policy off the calendar frees it too: only the deleted one still names it.
      await http('patch', `/api/sla-policies/${second.id}`, admin, { businessHoursId: null });
      expect((await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(supervisor.token))).status).toBe(204);
      expectCode(await desk.http().get(`/api/business-hours/${calendar}`).set(bearer(admin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
      // The deleted policy let go of it; its other fields stay for history.
      const { rows } = await sql.query(`SELECT name, business_hours_id, deleted_at FROM sla_policies WHERE id = $1`, [first.id]);
      expect(rows[0]).toEqual({ name: 'Uses weekdays', business_hours_id: null, deleted_at: expect.any(Date) });
      expectCode(await http('patch', `/api/sla-policies/${second.id}`, admin, { businessHoursId: calendar }), 404, 'BUSINESS_HOURS_NOT_FOUND');
    });

    it('a calendar named only by deleted policies is deletable at once', async () => {
      const calendar = await newCalendar(admin, 'Weekends');
      const policy = await newPolicy({ businessHoursId: calendar });
      await http('delete', `/api/sla-policies/${policy.id}`, supervisor.token);
      expect((await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(admin))).status).toBe(204);
      expect((await sql.query(`SELECT business_hours_id FROM sla_policies WHERE id = $1`, [policy.id])).rows[0].business_hours_id).toBeNull();
    });

    it('racing a delete of a calendar against policies naming it: never both, never a 5xx', async () => {
      for (let round = 0; round < 5; round++) {
        const calendar = await newCalendar(admin, `Race ${round}`);
        const [removed, made] = await Promise.all([
          desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(admin)),
          create(supervisor.token, { name: `Racer ${round}`, firstResponseSeconds: 60, businessHoursId: calendar }),
        ]);
        const outcome = `${removed.status} ${removed.body?.code ?? ''} / ${made.status} ${made.body?.code ?? ''}`.trim();
        expect(['204  / 404 BUSINESS_HOURS_NOT_FOUND', '409 BUSINESS_HOURS_IN_USE / 201']).toContain(outcome);
      }
    });

    it('a calendar no policy names deletes as before', async () => {
      const calendar = await newCalendar(admin, 'Unused');
      expect((await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(admin))).status).toBe(204);
      expectCode(await desk.http().delete(`/api/business-hours/${calendar}`).set(bearer(admin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
    });
  });
});

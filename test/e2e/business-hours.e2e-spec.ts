import { bearer, expectCode, messages, NO_SUCH } from '../support/http';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce } from '../support/task-force';

describe('business hours', () => {
  useTaskForce();
  let otherAdmin: string;

  const office = {
    name: 'Office Italy',
    timezone: 'Europe/Rome',
    weekly: [
      { day: 2, from: '14:00', to: '18:00' },
      { day: 1, from: '09:00', to: '13:00' },
      { day: 1, from: '14:00', to: '18:00' },
      { day: 2, from: '09:00', to: '13:00' },
    ],
    holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
  };
  const create = (token: string, body: Record<string, unknown>) => desk.http().post('/api/business-hours').set(bearer(token)).send(body);

  beforeAll(async () => {
    otherAdmin = (await otherWorkspace(desk, admin)).admin;
  });

  it('a supervisor creates a calendar: intervals in order, holidays without duplicates', async () => {
    const res = await create(supervisor.token, office);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Office Italy',
      timezone: 'Europe/Rome',
      weekly: [
        { day: 1, from: '09:00', to: '13:00' },
        { day: 1, from: '14:00', to: '18:00' },
        { day: 2, from: '09:00', to: '13:00' },
        { day: 2, from: '14:00', to: '18:00' },
      ],
      holidays: ['2026-01-01', '2026-12-25'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const { rows } = await sql.query(`SELECT weekly, holidays FROM business_hours WHERE id = $1`, [res.body.id]);
    expect(rows[0]).toEqual({ weekly: res.body.weekly, holidays: res.body.holidays });
  });

  it('takes whole days, 24:00, overnight intervals, and a time zone in any case', async () => {
    const res = await create(admin, {
      name: 'Night shift',
      timezone: 'america/new_york',
      weekly: [
        { day: 5, from: '22:00', to: '06:00' },
        { day: 6, from: '06:00', to: '24:00' },
        { day: 7, from: '00:00', to: '24:00' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ timezone: 'America/New_York', holidays: [] });
  });

  it('lists every offending field at once', async () => {
    const res = await create(supervisor.token, {
      name: '',
      timezone: 'Europe/Atlantis',
      weekly: [
        { day: 0, from: '9:00', to: '18:00' },
        { day: 3, from: '10:00', to: '10:00' },
        { day: 4, from: '09:00', to: '24:01' },
        { day: 5, from: '09:00', to: '12:00' },
        { day: 5, from: '11:30', to: '13:00' },
      ],
      holidays: ['2026-02-30', 'christmas'],
    });
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(messages(res)).toEqual([
      'name must be a text of 1 to 100 characters',
      'timezone must be an IANA time zone such as Europe/Rome (got "Europe/Atlantis")',
      'weekly[0].day must be an integer from 1 (Monday) to 7 (Sunday)',
      'weekly[0].from must be a time HH:MM from 00:00 to 23:59',
      'weekly[1].to must differ from from (a whole day is 00:00 to 24:00)',
      'weekly[2].to must be a time HH:MM from 00:00 to 24:00',
      'weekly[4] (Fri 11:30-13:00) overlaps weekly[3] (Fri 09:00-12:00)',
      'holidays[0] must be a calendar date YYYY-MM-DD (got "2026-02-30")',
      'holidays[1] must be a calendar date YYYY-MM-DD (got "christmas")',
    ]);
    expect(messages(await create(admin, {}))).toEqual(['name is required', 'timezone is required', 'weekly is required']);
    expectCode(await create(admin, { ...office, weekly: [{ day: 1, from: '22:00', to: '02:00' }, { day: 2, from: '01:00', to: '09:00' }] }), 400, 'VALIDATION_FAILED');
    expectCode(await create(admin, { ...office, timezone: '+01:00' }), 400, 'VALIDATION_FAILED');
    expect(messages(await create(admin, { ...office, owner: 'me' }))).toEqual(['owner: property owner should not exist']);
  });

  it('everyone reads; only supervisors and admins edit', async () => {
    for (const token of [agent.token, lead.token, supervisor.token, admin]) {
      const res = await desk.http().get('/api/business-hours').set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['Night shift', 'Office Italy']);
    }
    const id = (await desk.http().get('/api/business-hours').set(bearer(agent.token))).body.items[1].id;
    expect((await desk.http().get(`/api/business-hours/${id}`).set(bearer(agent.token))).body.name).toBe('Office Italy');
    for (const token of [agent.token, lead.token]) {
      expectCode(await create(token, office), 403, 'ACCESS_DENIED');
      expectCode(await desk.http().patch(`/api/business-hours/${id}`).set(bearer(token)).send({ name: 'x' }), 403, 'ACCESS_DENIED');
      expectCode(await desk.http().delete(`/api/business-hours/${id}`).set(bearer(token)), 403, 'ACCESS_DENIED');
    }
  });

  it('patches what is given and checks the result as a whole', async () => {
    const id = (await create(supervisor.token, { ...office, name: 'Patchable' })).body.id;
    const renamed = await desk.http().patch(`/api/business-hours/${id}`).set(bearer(supervisor.token)).send({ name: 'Patched', holidays: ['2027-01-06'] });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Patched', timezone: 'Europe/Rome', holidays: ['2027-01-06'], weekly: expect.arrayContaining([{ day: 1, from: '09:00', to: '13:00' }]) });
    const bad = await desk.http().patch(`/api/business-hours/${id}`).set(bearer(admin)).send({ timezone: 'Nowhere', weekly: [{ day: 1, from: '09:00', to: '10:00' }, { day: 1, from: '09:30', to: '11:00' }] });
    expectCode(bad, 400, 'VALIDATION_FAILED');
    expect(messages(bad)).toHaveLength(2);
    expect((await desk.http().get(`/api/business-hours/${id}`).set(bearer(admin))).body.name).toBe('Patched');
    expectCode(await desk.http().patch(`/api/business-hours/${NO_SUCH}`).set(bearer(admin)).send({ name: 'x' }), 404, 'BUSINESS_HOURS_NOT_FOUND');
  });

  it('deletes with 204', async () => {
    const id = (await create(admin, { ...office, name: 'Doomed' })).body.id;
    expect((await desk.http().delete(`/api/business-hours/${id}`).set(bearer(supervisor.token))).status).toBe(204);
    expectCode(await desk.http().get(`/api/business-hours/${id}`).set(bearer(admin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
    expectCode(await desk.http().delete(`/api/business-hours/${id}`).set(bearer(admin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
    expectCode(await desk.http().get('/api/business-hours/not-a-uuid').set(bearer(admin)), 400, 'VALIDATION_FAILED');
  });

  it("keeps workspaces apart: another workspace's calendar is 404", async () => {
    const ours = (await desk.http().get('/api/business-hours').set(bearer(admin))).body.items[0].id;
    expect((await desk.http().get('/api/business-hours').set(bearer(otherAdmin))).body.items).toEqual([]);
    expectCode(await desk.http().get(`/api/business-hours/${ours}`).set(bearer(otherAdmin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
    expectCode(await desk.http().patch(`/api/business-hours/${ours}`).set(bearer(otherAdmin)).send({ name: 'Mine' }), 404, 'BUSINESS_HOURS_NOT_FOUND');
    expectCode(await desk.http().delete(`/api/business-hours/${ours}`).set(bearer(otherAdmin)), 404, 'BUSINESS_HOURS_NOT_FOUND');
    expect((await desk.http().get(`/api/business-hours/${ours}`).set(bearer(admin))).status).toBe(200);
  });
});

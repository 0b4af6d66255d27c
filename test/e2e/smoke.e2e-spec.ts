import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';

describe('desk boots', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk();
  });
  afterAll(() => desk.shutdown());

  it('answers /health and signs the bootstrap admin in', async () => {
    const health = await desk.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const token = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await desk.http().get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, access: 'admin' });
  });
});

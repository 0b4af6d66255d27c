import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { expectCode } from '../support/http';

const PASSWORD = 'member-password-1';

/**
 * Behind a reverse proxy every request comes from the proxy: with TRUST_PROXY naming it, sign-in throttling counts
 * the client the proxy names in X-Forwarded-For, so one client's guesses do not lock everyone else out.
 */
describe('TRUST_PROXY=loopback: throttling per forwarded client', () => {
  let desk: TestDesk;
  let target: { email: string };
  const login = (forwardedFor: string, password: string) =>
    desk.http().post('/api/auth/login').set('X-Forwarded-For', forwardedFor).send({ email: target.email, password });

  beforeAll(async () => {
    desk = await startTestDesk({ TRUST_PROXY: 'loopback' });
    target = await createMember(desk, await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD), 'agent');
  });
  afterAll(() => desk?.shutdown());

  it('blocks the guessing client and lets the same account sign in from another client', async () => {
    for (let i = 0; i < 5; i++) expectCode(await login('203.0.113.7', `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
    expectCode(await login('203.0.113.7', PASSWORD), 429, 'LOGIN_THROTTLED');
    expect((await login('198.51.100.20', PASSWORD)).status).toBe(200);
  });
});

import { request } from 'node:http';
import { Client } from 'pg';
import { FixedClock } from '../../libs/common/src/clock/clock';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';

jest.setTimeout(60_000);

interface Answer {
  status: number;
  code?: string;
  retryAfter?: number;
}

/**
 * Sign-in throttling by account and by address, seen from several client addresses: every 127.0.0.0/8 address is
 * this machine, so a client bound to 127.0.0.N is a different caller to the desk (no proxy is trusted). auth.e2e-spec covers the account
 * rule from one address (five failures, concurrency, reset on success); this file covers the address rule, which
 * key each rule uses, forged forwarding headers, Retry-After as time passes, and the end of a block.
 */
describe('security: sign-in throttling by account and by address', () => {
  let desk: TestDesk;
  const clock = new FixedClock(new Date());
  const PASSWORD = 'member-password-1';
  let sql: Client;
  let victim: string;
  let bystander: string;

  /** POST /api/auth/login from a chosen local address. */
  const loginFrom = (address: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const url = new URL('/api/auth/login', desk.url);
      const body = JSON.stringify({ email, password });
      const req = request(url, { method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode!, code: JSON.parse(text).code, ...(retryAfter === undefined ? {} : { retryAfter: Number(retryAfter) }) });
        });
      });
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    desk = await startTestDesk({}, { clock });
    sql = new Client({ connectionString: desk.db.url });
    await sql.connect();
    const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    victim = (await createMember(desk, admin, 'agent')).email;
    bystander = (await createMember(desk, admin, 'agent')).email;
  });
  afterAll(async () => {
    await sql?.end();
    await desk?.shutdown();
  });

  it('the account rule is per account and address: five failures block that pair only, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect(await loginFrom('127.0.0.11', victim, `wrong-${i}`)).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    const blocked = await loginFrom('127.0.0.11', victim, PASSWORD);
    expect(blocked).toEqual({ status: 429, code: 'LOGIN_THROTTLED', retryAfter: 900 });
    // Another address may still sign in to the account (a guesser cannot lock its owner out), and the blocked
    // address may still sign in to other accounts.
    expect((await loginFrom('127.0.0.12', victim, PASSWORD)).status).toBe(200);
    expect((await loginFrom('127.0.0.11', bystander, PASSWORD)).status).toBe(200);
    // A forged forwarding header does not make the blocked caller someone else.
    expect((await loginFrom('127.0.0.11', victim, PASSWORD, { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' })).code).toBe('LOGIN_THROTTLED');
  });

  it('Retry-After counts down with the clock, and the block ends after 15 minutes', async () => {
    clock.advance(5 * 60);
    expect(await loginFrom('127.0.0.11', victim, PASSWORD)).toEqual({ status: 429, code: 'LOGIN_THROTTLED', retryAfter: 600 });
    clock.advance(600);
    expect((await loginFrom('127.0.0.11', victim, PASSWORD)).status).toBe(200);
  });

  /**
   * Thirty real failures take a minute of password hashing on a loaded 2-core machine, so the address's count is
   * brought to 29 in its row, as 28 more failures would have left it, around real failed sign-ins.
   */
  const failuresSoFar = async (address: string, failures: number) => {
    const { rowCount } = await sql.query(`UPDATE login_throttle SET failures = $2 WHERE key LIKE 'address:%' || $1`, [address, failures]);
    expect(rowCount).toBe(1);
  };

  it('the address rule: thirty failures from one address, on any accounts, block every sign-in from it', async () => {
    expect((await loginFrom('127.0.0.21', 'sprayed-1@test.example', 'guess-1')).code).toBe('INVALID_CREDENTIALS');
    await failuresSoFar('127.0.0.21', 29);
    expect(await loginFrom('127.0.0.21', 'sprayed-30@test.example', 'guess-1')).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(await loginFrom('127.0.0.21', bystander, PASSWORD)).toEqual({ status: 429, code: 'LOGIN_THROTTLED', retryAfter: 900 });
    expect((await loginFrom('127.0.0.21', 'sprayed-31@test.example', 'guess-1')).code).toBe('LOGIN_THROTTLED');
    expect((await loginFrom('127.0.0.21', bystander, PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).code).toBe('LOGIN_THROTTLED');
    // Every other address is untouched.
    expect((await loginFrom('127.0.0.22', bystander, PASSWORD)).status).toBe(200);
    clock.advance(15 * 60);
    expect((await loginFrom('127.0.0.21', bystander, PASSWORD)).status).toBe(200);
  });

  it('the address window: failures older than 15 minutes do not count', async () => {
    expect((await loginFrom('127.0.0.31', 'slow-1@test.example', 'guess-1')).code).toBe('INVALID_CREDENTIALS');
    await failuresSoFar('127.0.0.31', 29);
    clock.advance(15 * 60 + 1);
    expect((await loginFrom('127.0.0.31', 'slow-30@test.example', 'guess-1')).code).toBe('INVALID_CREDENTIALS');
    expect((await loginFrom('127.0.0.31', bystander, PASSWORD)).status).toBe(200);
  });
});

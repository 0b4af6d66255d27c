import type { Response } from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIB = 1024 * 1024;

/** Every route the controllers declare, as OpenAPI spells it. */
const ROUTES = [
  'GET /health',
  'POST /api/auth/login',
  'POST /api/auth/switch',
  'GET /api/me',
  'POST /api/users',
  'GET /api/users',
  'GET /api/users/{id}',
  'PATCH /api/users/{id}',
  'POST /api/workspaces',
  'GET /api/workspace',
].sort();

/** The contract's error shape, with nothing a client must never see. */
function expectError(res: Response, status: number, code?: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? res.body?.code });
  expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
  expect(res.body.statusCode).toBe(status);
  expect(typeof res.body.error).toBe('string');
  expect(typeof res.body.code).toBe('string');
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bat \S+ \(|\bat \S+:\d+:\d+|node_modules|\.ts:\d+/);
  expect(text).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE \S+ SET|DELETE FROM)\b|QueryFailedError|relation "|syntax error at|violates|duplicate key/i);
}

const messages = (res: Response): string[] => (Array.isArray(res.body.message) ? res.body.message : [res.body.message]);
const names = (res: Response, field: string) => messages(res).some((m) => m.startsWith(field) || m.includes(` ${field} `));

describe('errors and HTTP hygiene', () => {
  let desk: TestDesk;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  beforeAll(async () => {
    desk = await startTestDesk();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => desk.shutdown());

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const body of ['{"email":', '{email: "x"}', "{'a':1}", '[1,]']) {
      const res = await desk.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body);
      expectError(res, 400, 'MALFORMED_JSON');
    }
  });

  it('refuses bodies over 1 MiB with 413 PAYLOAD_TOO_LARGE, and takes one of exactly 1 MiB', async () => {
    const sized = (bytes: number) => {
      const head = '{"email":"a@b.example","password":"';
      return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
    };
    expect(Buffer.byteLength(sized(MIB))).toBe(MIB);
    const atLimit = await desk.http().post('/api/auth/login').set('Content-Type', 'application/json').send(sized(MIB));
    expectError(atLimit, 400, 'VALIDATION_FAILED'); // read and validated: the password is too long
    const over = await desk.http().post('/api/auth/login').set('Content-Type', 'application/json').send(sized(MIB + 1));
    expectError(over, 413, 'PAYLOAD_TOO_LARGE');
    const protectedRoute = await desk.http().post('/api/users').set(auth()).set('Content-Type', 'application/json').send(sized(2 * MIB));
    expectError(protectedRoute, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('names an unknown field', async () => {
    const res = await desk.http().post('/api/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(messages(res).some((m) => m.includes('role'))).toBe(true);
    const patch = await desk.http().post('/api/workspaces').set(auth()).send({ name: 'W', timezone: 'UTC', ownerId: 'x' });
    expectError(patch, 400, 'VALIDATION_FAILED');
    expect(messages(patch)).toEqual([expect.stringContaining('ownerId')]);
  });

  it('lists every field of the wrong type', async () => {
    const res = await desk.http().post('/api/users').set(auth()).send({ email: 42, name: ['x'], password: 12345678, access: 'root' });
    expectError(res, 400, 'VALIDATION_FAILED');
    for (const field of ['email', 'name', 'password', 'access']) expect(names(res, field)).toBe(true);
    const patch = await desk.http().get('/api/me').set(auth());
    const bad = await desk.http().patch(`/api/users/${patch.body.id}`).set(auth()).send({ active: 'no', access: 7 });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(names(bad, 'active') && names(bad, 'access')).toBe(true);
  });

  it('answers deeply nested JSON with a 4xx, never a 5xx', async () => {
    const deep = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
    const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const me = await desk.http().get('/api/me').set(auth());
    const attempts = [
      desk.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep(5000)),
      desk.http().post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":${deep(5000)},"password":"x"}`),
      desk.http().post('/api/users').set(auth()).set('Content-Type', 'application/json').send(`{"name":${deep(5000)}}`),
      desk.http().patch(`/api/users/${me.body.id}`).set(auth()).set('Content-Type', 'application/json').send(`{"name":${deepArray(5000)}}`),
      desk.http().post('/api/workspaces').set(auth()).set('Content-Type', 'application/json').send(deep(50000)),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectError(res, res.status);
    }
    expect((await desk.http().get('/health')).status).toBe(200);
  });

  it('refuses a JSON body that is not valid UTF-8 with a 4xx', async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"utf8@test.example","name":"Bad '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(' bytes","password":"password-123","access":"agent"}'),
    ]);
    // The bytes as they are: superagent would otherwise serialise the Buffer as JSON.
    const send = (b: Buffer) => desk.http().post('/api/users').set(auth()).set('Content-Type', 'application/json').serialize(((x: Buffer) => x) as never).send(b);
    const res = await send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectError(res, res.status);
    // The same body in valid UTF-8 is taken, so it was the bytes that were refused.
    const valid = await send(Buffer.from(body.toString('utf8').replace(/\uFFFD/g, 'é').replace('utf8@', 'utf8-valid@')));
    expect(valid.status).toBe(201);
    const users = await desk.http().get('/api/users').set(auth());
    expect(users.body.items.map((u: { email: string }) => u.email)).not.toContain('utf8@test.example');
  });

  it('refuses strings PostgreSQL cannot store (NUL) with a 4xx, not a 5xx', async () => {
    const login = await desk.http().post('/api/auth/login').send({ email: 'nul\u0000@test.example', password: 'whatever-1' });
    expectError(login, 400, 'VALIDATION_FAILED');
    expect(names(login, 'email')).toBe(true);
    const create = await desk.http().post('/api/users').set(auth()).send({ email: 'nul@test.example', name: 'a\u0000b', password: 'password-123', access: 'agent' });
    expectError(create, 400, 'VALIDATION_FAILED');
    expect(names(create, 'name')).toBe(true);
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND, with or without a token', async () => {
    expectError(await desk.http().get('/api/nope'), 404, 'ROUTE_NOT_FOUND');
    expectError(await desk.http().get('/api/nope').set(auth()), 404, 'ROUTE_NOT_FOUND');
    expectError(await desk.http().delete('/api/me').set(auth()), 404, 'ROUTE_NOT_FOUND');
    expectError(await desk.http().get('/nothing/here'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a non-UUID path id with 400 VALIDATION_FAILED', async () => {
    for (const id of ['not-a-uuid', '123', "1' OR '1'='1"]) {
      const get = await desk.http().get(`/api/users/${encodeURIComponent(id)}`).set(auth());
      expectError(get, 400, 'VALIDATION_FAILED');
      expect(messages(get).join(' ')).toContain('id');
      expectError(await desk.http().patch(`/api/users/${encodeURIComponent(id)}`).set(auth()).send({ name: 'x' }), 400, 'VALIDATION_FAILED');
    }
  });

  it('gives every error the exact contract shape', async () => {
    const noSuchUser = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[Promise<Response>, number, string]> = [
      [desk.http().get('/api/me'), 401, 'AUTH_REQUIRED'],
      [desk.http().get('/api/me').set('Authorization', 'Bearer x.y.z'), 401, 'TOKEN_INVALID'],
      [desk.http().post('/api/auth/login').send({ email: 'nobody@test.example', password: 'wrong-password' }), 401, 'INVALID_CREDENTIALS'],
      [desk.http().post('/api/auth/login').send({}), 400, 'VALIDATION_FAILED'],
      [desk.http().get(`/api/users/${noSuchUser}`).set(auth()), 404, 'USER_NOT_FOUND'],
      [desk.http().post('/api/auth/switch').set(auth()).send({ workspaceId: noSuchUser }), 404, 'WORKSPACE_NOT_FOUND'],
      [desk.http().post('/api/users').set(auth()).send({ email: ADMIN_EMAIL, name: 'A', password: 'password-123', access: 'agent' }), 409, 'USER_ALREADY_MEMBER'],
      [desk.http().post('/api/users').set(auth()).set('Content-Type', 'text/plain').send('hello'), 400, 'VALIDATION_FAILED'],
      [desk.http().get('/api/%E0%A4%A'), 400, 'BAD_REQUEST'],
    ];
    for (const [pending, status, code] of cases) expectError(await pending, status, code);
  });

  it('echoes a sent X-Request-Id and makes one when it is absent or unusable', async () => {
    for (const path of ['/health', '/api/me', '/api/nope']) {
      const given = await desk.http().get(path).set('X-Request-Id', 'client-req.42:a_b');
      expect(given.headers['x-request-id']).toBe('client-req.42:a_b');
      const made = await desk.http().get(path);
      expect(made.headers['x-request-id']).toMatch(UUID);
      const again = await desk.http().get(path);
      expect(again.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
      const unusable = await desk.http().get(path).set('X-Request-Id', `bad id ${'x'.repeat(200)}`);
      expect(unusable.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('sends security headers and no X-Powered-By', async () => {
    for (const res of [await desk.http().get('/health'), await desk.http().get('/api/me'), await desk.http().get('/api/docs-json')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves /health, /api/docs and /api/docs-json without a token', async () => {
    const health = await desk.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const ui = await desk.http().get('/api/docs').redirects(2);
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
    const json = await desk.http().get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
  });

  it('documents in /api/docs-json exactly the routes the app serves', async () => {
    const doc = (await desk.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    for (const route of ROUTES) expect(documented).toContain(route);

    // What Express actually routes, apart from the docs themselves.
    const stack = (desk.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
    const served = stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap(({ route }) =>
        Object.keys(route!.methods)
          .filter((m) => methods.includes(m))
          .map((m) => `${m.toUpperCase()} ${route!.path.replace(/:(\w+)/g, '{$1}')}`),
      )
      .sort();
    expect(served).toEqual(expect.arrayContaining(ROUTES));
    expect(documented).toEqual([...new Set(served)].sort());
    // Every documented operation that needs a token says so.
    for (const route of ROUTES.filter((r) => !['GET /health', 'POST /api/auth/login'].includes(r))) {
      const [method, path] = route.split(' ');
      expect((doc.paths[path!]![method!.toLowerCase()] as { security?: unknown[] }).security).toBeDefined();
    }
  });
});

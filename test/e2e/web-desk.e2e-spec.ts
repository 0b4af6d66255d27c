import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDesk, type TestDesk } from '../support/desk';

/** The API serves the built browser desk at `/` beside the API, webhooks, docs and socket.io. */
describe('the browser desk served by the API', () => {
  const build = mkdtempSync(join(tmpdir(), 'desk-web-'));
  const empty = mkdtempSync(join(tmpdir(), 'desk-web-empty-'));
  let desk: TestDesk;
  let bare: TestDesk;

  beforeAll(async () => {
    mkdirSync(join(build, 'assets'));
    writeFileSync(join(build, 'index.html'), '<!doctype html><title>Response desk</title><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(build, 'assets/index-abc123.js'), 'console.log("desk")');
    [desk, bare] = await Promise.all([startTestDesk({ WEB_DIR: build }), startTestDesk({ WEB_DIR: empty })]);
  });
  afterAll(async () => {
    await Promise.all([desk?.shutdown(), bare?.shutdown()]);
    rmSync(build, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated on every visit, under a CSP that keeps scripts to the desk itself', async () => {
    const res = await desk.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('/assets/index-abc123.js');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('caches the content-hashed assets for good', async () => {
    const res = await desk.http().get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with the API 404 and its code, not an HTML error page', async () => {
    const res = await desk.http().get('/assets/index-gone.js');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    expect(res.text).not.toContain(' at ');
  });

  it('leaves the API, its docs and health where they were', async () => {
    expect((await desk.http().get('/api/me')).status).toBe(401);
    expect((await desk.http().get('/health')).status).toBe(200);
    expect((await desk.http().get('/api/docs-json')).body.info.title).toBe('Response desk API');
  });

  it('says how to build the desk when there is no build, and still serves the API', async () => {
    const res = await bare.http().get('/');
    expect(res.status).toBe(404);
    expect(res.text).toContain('npm run build:web');
    expect((await bare.http().get('/health')).status).toBe(200);
  });
});

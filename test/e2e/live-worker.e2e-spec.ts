import { existsSync } from 'node:fs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, startTestDesk, TestDesk } from '../support/desk';
import { makeDataDir, spawnDesk, WORKER_MAIN, type DeskProcess } from '../support/desk-process';
import { createChannel, deliver } from '../support/inbox';
import { connected } from '../support/live';

jest.setTimeout(90_000);

const SECRETS = { JWT_SECRET: 'live-worker-test-secret-of-at-least-32-chars', SECRETS_KEY: 'ab'.repeat(32) };

/** Events written by a worker in another process reach the API's clients: the log, not the process, carries them. */
describe('live desk with the worker in its own process', () => {
  let desk: TestDesk;
  let worker: DeskProcess;

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run the tests through npm test, which builds first`);
    desk = await startTestDesk({ RUN_WORKERS: 'false', ...SECRETS });
    worker = spawnDesk({ DATABASE_URL: desk.db.url, DATA_DIR: makeDataDir(), WORKER_POLL_MS: '50', ...SECRETS }, 0, WORKER_MAIN);
    const deadline = Date.now() + 30_000;
    while (!worker.output().includes('worker ready') && Date.now() < deadline && worker.child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(worker.output()).toContain('worker ready');
  });
  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await desk?.shutdown();
  });

  it("pushes the worker's conversation and message to a client of the API", async () => {
    const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    const channel = await createChannel(desk, admin, 'api');
    const live = await connected(desk.url, { token: admin });
    const body = { id: 'w-1', kind: 'message', author: { id: 'cust-w', name: 'Worker Customer' }, text: 'processed elsewhere', createdAt: new Date().toISOString() };
    expect((await deliver(desk, channel, JSON.stringify(body))).status).toBe(200);
    const created = await live.waitFor((r) => r.name === 'message.created', 15_000, 'message.created from the worker');
    expect(created.body.message).toMatchObject({ text: 'processed elsewhere', direction: 'inbound' });
    await live.waitFor((r) => r.name === 'conversation.created');
    live.close();
  });
});

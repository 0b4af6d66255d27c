import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startFakePlatform } from '../../apps/simulator/src/fake-platform';
import type { FakePlatform } from '../../apps/simulator/src/fake-platform';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './desk';
import { bearer, startTaskForce, type TaskForce } from './http';
import { createChannel, deliver, type TestChannel } from './inbox';

/**
 * Debian's Chromium (STACK.md): playwright's own browser download cannot reach its host from our machines. Playwright
 * gives every launch a fresh temporary profile of its own.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const MEMBER_PASSWORD = 'member-password-1';

export interface BrowserDesk extends TaskForce {
  browser: Browser;
  fake: FakePlatform;
  /** A generic `api` channel whose replies go to the fake platform, so a reply really leaves and comes back `sent`. */
  channel: TestChannel;
  /** Stops the browser, the fake platform and the desk. */
  stop(): Promise<void>;
}

/**
 * The real desk on its own database (the built browser desk served at `/`), a task force (admin, lead, two agents,
 * supervisor), a fake platform, an `api` channel pointed at it, and a headless Chromium.
 */
export async function startBrowserDesk(options: Parameters<typeof startTaskForce>[0] = {}): Promise<BrowserDesk> {
  // WEB_DIR: a build of one's own (WEB_OUT_DIR=... npm run build:web) when several people build at once.
  const env = { ...(process.env.WEB_DIR ? { WEB_DIR: process.env.WEB_DIR } : {}), ...options.env };
  const force = await startTaskForce({ ...options, env });
  const fake = await startFakePlatform();
  const channel = await createChannel(force.desk, force.admin, 'api', { secret: 'browser-api-secret', replyUrl: `${fake.baseUrls.api}/replies` });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS }).catch(async (error: Error) => {
    await fake.close();
    await force.sql.end();
    await force.desk.shutdown();
    throw new Error(`Chromium did not start from ${CHROMIUM} (install Debian's chromium package): ${error.message}`);
  });
  return {
    ...force,
    browser,
    fake,
    channel,
    stop: async () => {
      await browser.close().catch(() => undefined);
      await fake.close();
      await force.sql.end();
      await force.desk.shutdown();
    },
  };
}

export interface PageOptions {
  /** Browser language: decides the desk's language on first visit. */
  locale?: string;
  viewport?: { width: number; height: number };
}

/** A fresh browser context (its own storage) on the desk; `prepare` runs before the first page loads. */
async function openDesk(bd: BrowserDesk, options: PageOptions, prepare?: (context: BrowserContext) => Promise<unknown>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await bd.browser.newContext({ locale: options.locale ?? 'en-GB', viewport: options.viewport ?? { width: 1280, height: 720 } });
  await prepare?.(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`the page threw: ${error.message}`);
  });
  await page.goto(bd.desk.url);
  return { context, page };
}

/** The desk signed in through the sign-in form. */
export async function signedInPage(bd: BrowserDesk, email: string, password = MEMBER_PASSWORD, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openDesk(bd, options);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in|accedi/i }).click();
  await page.getByRole('navigation').waitFor();
  return { context, page };
}

/**
 * The desk signed in with a member's token (the sign-in form's password check costs seconds on a loaded machine; the
 * sign-in spec covers the form), once connected live: online for automatic assignment, and no event missed.
 */
export async function openAs(bd: BrowserDesk, member: { token: string }, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openDesk(bd, options, (c) => c.addInitScript((token: string) => window.sessionStorage.setItem('desk.token', token), member.token));
  await page.getByRole('navigation').waitFor();
  await page.getByTestId('live-status').and(page.locator('.live-dot.on')).waitFor();
  return { context, page };
}

export const signedInAdmin = (bd: BrowserDesk, options?: PageOptions) => signedInPage(bd, ADMIN_EMAIL, ADMIN_PASSWORD, options);

let eventCounter = 0;

/** A customer's comment (or message) on the `api` channel, signed as the platform would; resolves once accepted. */
export async function sendComment(
  bd: BrowserDesk,
  text: string,
  fields: { kind?: 'comment' | 'mention' | 'message'; author?: { id: string; name?: string; username?: string; followers?: number }; threadId?: string; inReplyTo?: string; id?: string } = {},
): Promise<string> {
  const id = fields.id ?? `browser-${process.pid}-${++eventCounter}-${Date.now()}`;
  const event = {
    id,
    kind: fields.kind ?? 'comment',
    author: fields.author ?? { id: `customer-${eventCounter}`, name: 'Maria Rossi', username: 'maria.rossi', followers: 1520 },
    text,
    createdAt: new Date().toISOString(),
    ...(fields.threadId ? { threadId: fields.threadId } : {}),
    ...(fields.inReplyTo ? { inReplyTo: fields.inReplyTo } : {}),
    context: { url: 'https://brand.example/posts/42', title: 'Autumn menu launch' },
  };
  const answer = await deliver(bd.desk, bd.channel, JSON.stringify(event));
  if (answer.status !== 200) throw new Error(`webhook refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return id;
}

/** An API call as one of the task force (for setting the stage; what the test checks goes through the browser). */
export async function apiAs<T = any>(bd: BrowserDesk, token: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<T> {
  const res = await bd.desk.http()[method](path).set(bearer(token)).send(body as object);
  if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/**
 * Saves a screenshot for the README when SCREENSHOTS is set (`npm run screenshots`), so a plain test run leaves the
 * committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  const target = dir === '1' ? join(__dirname, '../../docs/screenshots') : dir;
  mkdirSync(target, { recursive: true });
  await page.screenshot({ path: join(target, `${name}.png`) });
}

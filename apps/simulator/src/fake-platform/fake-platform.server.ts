import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelType } from '@app/channels/types/channel-type';
import { createApiReplyRouter } from './api-reply.routes';
import { BehaviourState, misbehave } from './behaviour';
import { control } from './control.routes';
import { decode, HttpFailure, readBody, send, tryJson } from './http-io';
import { createLinkedinRouter } from './linkedin.routes';
import { DEFAULT_MENTIONS } from './meta-node';
import { createMetaRouter } from './meta.routes';
import { createPostmarkRouter } from './postmark.routes';
import { Recorder } from './recorder';
import { createTelegramRouter } from './telegram.routes';
import type { FakePlatform, FakeRequest, FakeResponse, MentionedComment, PlatformRouter, RecordedRequest } from './types';
import { createXRouter } from './x.routes';
import { YoutubeStore } from './youtube-store';
import { createYoutubeRouter } from './youtube.routes';

/** Each channel type's apiBaseUrl (api: its replyUrl) on a fake platform at url. */
export function baseUrlsFor(url: string): Record<ChannelType, string> {
  const root = url.replace(/\/+$/, '');
  const graph = `${root}/graph/v23.0`;
  return {
    facebook: graph,
    instagram: graph,
    whatsapp: graph,
    x: `${root}/x`,
    telegram: `${root}/telegram`,
    youtube: `${root}/youtube/v3`,
    linkedin: `${root}/linkedin/rest`,
    email: `${root}/postmark`,
    api: `${root}/api-reply`,
  };
}

export interface FakePlatformOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to be reachable from containers. */
  host?: string;
}

interface Mount {
  pattern: RegExp;
  router: PlatformRouter;
}

/**
 * One HTTP server that plays every platform's reply API, each under its own prefix, records every request and
 * misbehaves on demand (failures, throttling, delays, permanent errors).
 */
export async function startFakePlatform(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  const recorder = new Recorder();
  const behaviour = new BehaviourState();
  const youtube = new YoutubeStore();
  let mentions = new Map(Object.entries(DEFAULT_MENTIONS));
  const mounts: Mount[] = [
    { pattern: /^\/graph\/v\d+(?:\.\d+)?(?=\/|$)/, router: createMetaRouter(() => mentions) },
    { pattern: /^\/x(?=\/|$)/, router: createXRouter() },
    { pattern: /^\/telegram(?=\/|$)/, router: createTelegramRouter() },
    { pattern: /^\/youtube\/v3(?=\/|$)/, router: createYoutubeRouter(youtube) },
    { pattern: /^\/linkedin\/rest(?=\/|$)/, router: createLinkedinRouter() },
    { pattern: /^\/postmark(?=\/|$)/, router: createPostmarkRouter() },
    { pattern: /^\/api-reply(?=\/|$)/, router: createApiReplyRouter() },
  ];
  const target = {
    behaviour,
    recorder,
    reset(): void {
      recorder.clear();
      behaviour.reset();
      youtube.reset();
      mentions = new Map(Object.entries(DEFAULT_MENTIONS));
    },
    youtube: (data: Parameters<FakePlatform['youtube']>[0]) => youtube.replace(data),
    mentions(map: Record<string, MentionedComment>): void {
      for (const [id, comment] of Object.entries(map)) mentions.set(id, structuredClone(comment));
    },
  };

  async function answer(mount: Mount | undefined, fake: FakeRequest, path: string): Promise<FakeResponse> {
    if (!mount) return { status: 404, body: { error: 'not_found', message: `no fake platform serves ${fake.method} ${path}` } };
    const { router } = mount;
    const handler = router.match(fake);
    if (!handler) return { status: 404, body: router.errorBody(404, `Unknown path components: ${fake.method} ${fake.route}`) };
    const delay = behaviour.delayMs(router.platform, fake.method);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const decision = behaviour.decide(router.platform, fake.method);
    if (decision.kind !== 'pass') return misbehave(router, decision);
    try {
      return handler(fake);
    } catch (err) {
      return { status: 500, body: router.errorBody(500, `fake platform bug: ${err instanceof Error ? err.message : String(err)}`) };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const json = tryJson(body);
    if (url.pathname === '/_control' || url.pathname.startsWith('/_control/')) {
      send(res, control(target, method, url.pathname.slice('/_control/'.length), json));
      return;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] ??= value;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
    const mount = mounts.find((m) => m.pattern.test(url.pathname));
    const recorded: RecordedRequest = {
      platform: mount?.router.platform ?? 'unknown',
      method,
      path: url.pathname,
      query,
      headers,
      body,
      json,
      at: new Date().toISOString(),
    };
    recorder.add(recorded);
    const route = mount ? url.pathname.replace(mount.pattern, '') || '/' : url.pathname;
    const segments = route.split('/').filter((s) => s !== '').map(decode);
    const result = await answer(mount, { method, route, segments, query, headers, body, json }, url.pathname);
    recorded.response = send(res, result);
    recorded.status = result.status;
    recorder.answered(recorded);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpFailure ? err.status : 500;
      if (!res.headersSent) send(res, { status, body: { error: STATUS_CODES[status], message: err instanceof Error ? err.message : String(err) } });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

  return {
    url,
    baseUrls: baseUrlsFor(url),
    requests: recorder.requests,
    behave: (b) => behaviour.merge(b),
    reset: () => target.reset(),
    waitForRequests: (n, timeoutMs, filter) => recorder.waitFor(n, timeoutMs, filter),
    youtube: (data) => target.youtube(data),
    mentions: (map) => target.mentions(map),
    onRequest: (listener) => recorder.onRequest(listener),
    close: () =>
      new Promise<void>((resolve, reject) => {
        recorder.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

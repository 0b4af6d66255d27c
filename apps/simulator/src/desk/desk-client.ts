import type { ChannelType } from '@app/channels/types/channel-type';

export interface CreatedChannel {
  id: string;
  type: ChannelType;
  name: string;
  webhookUrl: string;
}

export interface DeliveryAnswer {
  status: number;
  body: string;
}

export class DeskError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/** The few desk calls the simulator makes: sign in, create channels, deliver webhooks. */
export class DeskClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<DeskClient> {
    const res = await call(`${trim(baseUrl)}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new DeskError(res.status, `sign-in as ${email} failed: ${res.status} ${res.body.slice(0, 300)}`);
    const token = (JSON.parse(res.body) as { accessToken?: unknown }).accessToken;
    if (typeof token !== 'string') throw new DeskError(res.status, 'sign-in answered without an accessToken');
    return new DeskClient(trim(baseUrl), token);
  }

  static withToken(baseUrl: string, token: string): DeskClient {
    return new DeskClient(trim(baseUrl), token);
  }

  async createChannel(type: ChannelType, name: string, config: Record<string, unknown>): Promise<CreatedChannel> {
    const res = await call(`${this.baseUrl}/api/channels`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ type, name, config }),
    });
    if (res.status !== 201 && res.status !== 200) throw new DeskError(res.status, `creating the ${type} channel failed: ${res.status} ${res.body.slice(0, 500)}`);
    return JSON.parse(res.body) as CreatedChannel;
  }

  /** Any JSON API call as the signed-in user; throws with the desk's answer unless it is 2xx. */
  async api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await call(`${this.baseUrl}${path}`, {
      method,
      headers: { ...json, authorization: `Bearer ${this.token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status < 200 || res.status > 299) throw new DeskError(res.status, `${method} ${path} failed: ${res.status} ${res.body.slice(0, 500)}`);
    return (res.body ? JSON.parse(res.body) : undefined) as T;
  }

  /** POST /webhooks/:channelId with the exact bytes and the platform's headers. */
  deliver(channelId: string, body: Buffer, headers: Record<string, string>): Promise<DeliveryAnswer> {
    return call(`${this.baseUrl}/webhooks/${channelId}`, { method: 'POST', headers, body });
  }
}

const json = { 'content-type': 'application/json' };
const trim = (url: string): string => url.replace(/\/+$/, '');

async function call(url: string, init: { method: string; headers: Record<string, string>; body?: string | Buffer }): Promise<DeliveryAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new DeskError(0, `${init.method} ${url}: ${cause}`);
  }
  return { status: res.status, body: await res.text() };
}

import { NetworkError, type HttpExecutor } from '../types/channel-adapter';
import type { HttpRequest, HttpResponse } from '../types/outbound';

/** The real executor: fetch with a deadline; a connection failure or timeout is a NetworkError (retried). */
export function createHttpExecutor(timeoutMs = 15_000): HttpExecutor {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    let res: Response;
    try {
      res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    } catch (err) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new NetworkError(`${req.method} ${new URL(req.url).host}: ${cause}`);
    }
    let body: string;
    try {
      body = await res.text();
    } catch (err) {
      throw new NetworkError(`reading the answer failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    return { status: res.status, headers, body };
  };
}

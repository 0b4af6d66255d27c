/** An API answer other than 2xx, with the server's stable `code` (CONTRACT.md) for the UI to explain. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function messageOf(body: unknown, status: number): string {
  const m = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(m)) return m.join('; ');
  return typeof m === 'string' ? m : `HTTP ${status}`;
}

/** One request to the desk's API on this origin; JSON in and out, `text/*` answers as strings, 204 as undefined. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_UNREACHABLE', (error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  // A body cut off by an abort is an abort, not an empty answer.
  const unreadable = (e: Error) => {
    if (e.name === 'AbortError') throw e;
    return null;
  };
  const body: unknown = type.includes('json') ? await response.json().catch(unreadable) : await response.text();
  if (!response.ok) {
    const code = (body as { code?: string } | null)?.code ?? `HTTP_${response.status}`;
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, code, messageOf(body, response.status), Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return body as T;
}

/** Query string from the set values only (undefined, null and '' are left out). */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

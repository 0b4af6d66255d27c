/*
 * What every answer to bad input must look like (CONTRACT.md): never a 5xx; an error is a 4xx with a stable
 * upper-case `code`; no answer shows a stack trace, a file path or SQL.
 */

export interface Answer {
  status: number;
  text: string;
  contentType: string;
  ms?: number;
}

const STACK = /\bat \S+ \(|\bat \S+:\d+:\d+|node_modules|\.(ts|js):\d+/;
const SQL = /\b(SELECT|INSERT INTO|UPDATE \S+ SET|DELETE FROM)\b|QueryFailedError|relation "|syntax error at|violates|duplicate key|invalid input syntax|out of range for type/i;

/** What is wrong with the answer, or undefined when nothing is. */
export function answerProblem(answer: Answer): string | undefined {
  if (answer.status >= 500) return `a ${answer.status}`;
  // Node's HTTP parser refuses a request line or headers over 16 KiB itself, before the app and its error shape.
  if (answer.status === 431 && answer.text === '') return undefined;
  if (STACK.test(answer.text)) return 'a stack trace in the answer';
  if (SQL.test(answer.text)) return 'SQL in the answer';
  if (answer.status >= 400) {
    let body: { code?: unknown; statusCode?: unknown } | undefined;
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      return `a ${answer.status} that is not JSON`;
    }
    if (typeof body?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) return `a ${answer.status} without a stable code`;
    if (body.statusCode !== answer.status) return `a ${answer.status} whose statusCode says ${String(body.statusCode)}`;
  }
  return undefined;
}

/** Sends a request with fetch, exactly as given (bytes, headers, path), and reads the whole answer. */
export async function send(url: string, init: { method: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(url, { method: init.method, headers: init.headers, body: init.body, redirect: 'manual', signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '', ms: Date.now() - started };
  } catch (err) {
    // An answer that never comes is a hung request: reported like a 5xx, not left to time the whole test out.
    return { status: 599, text: `no answer: ${(err as Error).message} after ${Date.now() - started} ms`, contentType: '', ms: Date.now() - started };
  }
}

/** Far beyond any request of a healthy desk, even on a loaded machine. */
const ANSWER_WITHIN_MS = 20_000;

/** Runs the tasks with at most `concurrency` in flight; resolves when all have run. */
export async function inPool<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Failures, kept few and short: the first ones name the bug, the count says how common it is. */
export class Failures {
  readonly list: string[] = [];
  private count = 0;

  add(what: string): void {
    this.count++;
    if (this.list.length < 25) this.list.push(what.length > 600 ? `${what.slice(0, 600)}…` : what);
  }

  get total(): number {
    return this.count;
  }
}

/** A short printable excerpt of bytes for a failure message. */
export const excerpt = (body: Buffer | string | undefined, max = 160): string => {
  if (body === undefined) return '(no body)';
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
};

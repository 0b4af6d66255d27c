import type { NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { DomainException } from '@app/common';

/** Deeper than any real request or platform event; deeper bodies overflow the stack of class-transformer. */
export const MAX_BODY_DEPTH = 64;

/**
 * Runs after the body parsers, before any guard or pipe, and refuses with a 4xx what would otherwise fail deep
 * inside as a 500: JSON that is not UTF-8 (body-parser silently replaces bad bytes), bodies nested deeper than
 * MAX_BODY_DEPTH, and, under /api, NUL characters, which PostgreSQL cannot store in text, and unpaired UTF-16
 * surrogates (`"\ud800"` is valid JSON), which no UTF-8 column can hold and jsonb refuses.
 */
export function bodyGuard(req: Request, _res: Response, next: NextFunction): void {
  // Webhook bodies are bytes here; their adapters parse and check them.
  if (Buffer.isBuffer(req.body)) return next();
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  if (raw && isJsonUtf8(req.headers['content-type']) && !isUtf8(raw)) {
    return next(new DomainException('MALFORMED_JSON', 'Request body is not valid UTF-8 JSON'));
  }
  if (exceedsDepth(req.body, MAX_BODY_DEPTH)) {
    return next(new DomainException('VALIDATION_FAILED', [`body is nested more than ${MAX_BODY_DEPTH} levels deep`]));
  }
  if (req.path.startsWith('/api/')) {
    const unstorable = [...unstorablePaths(req.body, 'body'), ...unstorablePaths(req.query, 'query')];
    if (unstorable.length > 0) return next(new DomainException('VALIDATION_FAILED', unstorable));
  }
  next();
}

function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...params] = contentType.toLowerCase().split(';');
  const mediaType = type.trim();
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) return false;
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  return !charset || /^charset="?utf-?8"?$/.test(charset);
}

/** Iterative, so a hostile depth cannot overflow this check either. */
function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A lone high or low surrogate: in /u mode a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

function unstorableIn(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/** One problem per key or string holding what cannot be stored, named by field path (`body.name`, `query.q`; the body's top level by field). */
function unstorablePaths(value: unknown, root: string): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = unstorableIn(current);
      if (problem) found.push(`${path || root} ${problem}`);
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : root === 'body' ? key : `${root}.${key}`;
        const problem = unstorableIn(key);
        if (problem) found.push(`${childPath.replaceAll('\u0000', '\\u0000').replace(/\p{Cs}/gu, '\uFFFD')} ${problem}`);
        else stack.push([child, childPath]);
      }
    }
  }
  return found.reverse();
}

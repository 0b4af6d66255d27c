import type { NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { DomainException } from '@app/common';

/** Deeper than any real request or platform event; deeper bodies overflow the stack of class-transformer. */
export const MAX_BODY_DEPTH = 64;

/**
 * Runs after the body parsers, before any guard or pipe, and refuses with a 4xx what would otherwise fail deep
 * inside as a 500: JSON that is not UTF-8 (body-parser silently replaces bad bytes), bodies nested deeper than
 * MAX_BODY_DEPTH, and, under /api, NUL characters, which PostgreSQL cannot store in text.
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
    const withNul = [...nulPaths(req.body, 'body'), ...nulPaths(req.query, 'query')];
    if (withNul.length > 0) {
      return next(new DomainException('VALIDATION_FAILED', withNul.map((path) => `${path} must not contain the NUL character`)));
    }
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

/** Field paths (`body.name`, `query.q`) of every key or string holding U+0000, the body's top level named by field. */
function nulPaths(value: unknown, root: string): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) found.push(path || root);
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : root === 'body' ? key : `${root}.${key}`;
        if (key.includes('\u0000')) found.push(childPath.replaceAll('\u0000', '\\u0000'));
        else stack.push([child, childPath]);
      }
    }
  }
  return found.reverse();
}

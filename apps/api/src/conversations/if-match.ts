import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { DomainException } from '@app/common';

/** `"3"`, `3` or `W/"3"`: the version a client read, as an ETag it was given or as the bare number. */
const VERSION_TAG = /^(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))$/;

/**
 * The conversation version an If-Match header names; undefined without one (or with `*`, any version), so the
 * change is unconditional. Anything else is a 400: silently ignoring a garbled precondition would lose updates.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const match = VERSION_TAG.exec(value);
  if (!match) throw new DomainException('VALIDATION_FAILED', ['If-Match must be one conversation version, e.g. "3" (as the ETag and `version` give it)']);
  return Number(match[1] ?? match[2]);
}

/** The If-Match version of the request (see parseIfMatch). */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined =>
  parseIfMatch(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match']),
);

/** Answers the conversation's version as its ETag, ready to be sent back as If-Match. */
export function setVersionTag(res: Response, version: number): void {
  res.setHeader('ETag', `"${version}"`);
}

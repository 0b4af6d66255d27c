import { parse as parseQuery } from 'node:querystring';
import type { FakeRequest, FakeResponse } from './types';

/**
 * A request's parameters wherever the caller put them: JSON body, form body or query string (Graph and the Bot
 * API accept all three). Later sources do not override earlier ones: JSON, then form, then query.
 */
export function params(req: FakeRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(req.json)) Object.assign(out, req.json);
  else if (req.body && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of Object.entries(parseQuery(req.body))) out[key] ??= Array.isArray(value) ? value[0] : value;
  }
  for (const [key, value] of Object.entries(req.query)) out[key] ??= value;
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested field that may also arrive as a JSON string (Graph form posts send `recipient={"id":...}`). */
export function objectParam(value: unknown): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function stringParam(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function bearer(req: FakeRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): FakeResponse => ({ status, body, headers });

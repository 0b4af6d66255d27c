import type { RecordedRequest } from '../fake-platform';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text a desk reply carries, wherever the platform puts it. */
export function replyText(r: RecordedRequest): string | undefined {
  const body = isObject(r.json) ? r.json : {};
  const candidates = [
    body.text,
    body.message,
    body.TextBody,
    isObject(body.message) ? body.message.text : undefined,
    isObject(body.text) ? body.text.body : undefined,
    isObject(body.snippet) ? body.snippet.textOriginal : undefined,
    r.query.message,
  ];
  if (new URLSearchParams(r.body).get('message')) candidates.push(new URLSearchParams(r.body).get('message'));
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
}

/** One console line per platform call: what the desk sent where, and what the fake answered. */
export function describeRequest(r: RecordedRequest): string {
  const text = replyText(r);
  const shown = text ? `  "${text.length > 100 ? `${text.slice(0, 99)}…` : text}"` : '';
  return `[${r.platform}] ${r.method} ${safeDecode(r.path)} -> ${r.status ?? '?'}${shown}`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

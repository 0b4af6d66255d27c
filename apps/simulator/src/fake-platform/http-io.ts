import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FakeResponse } from './types';

const BODY_LIMIT = 10 * 1024 * 1024;

export class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(STATUS_CODES[status]);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new HttpFailure(413));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function tryJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function send(res: ServerResponse, answer: FakeResponse): string {
  const isText = typeof answer.body === 'string';
  const text = isText ? (answer.body as string) : JSON.stringify(answer.body ?? {});
  const contentType = isText && tryJson(text) === undefined ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(answer.status, { 'content-type': contentType, ...answer.headers });
  res.end(text);
  return text;
}

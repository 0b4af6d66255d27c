import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { json } from 'express';
import type { Request, Response } from 'express';
import { PassThrough } from 'node:stream';
import { DomainException } from './domain.exception';
import { toErrorBody } from './error-body';

/** The error express.json() (body-parser) reports for this body, as Nest's express adapter hands it to filters. */
async function bodyParserFailure(body: string, limit = '1mb'): Promise<unknown> {
  const req = Object.assign(new PassThrough(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
  });
  const error = await new Promise<unknown>((done) => {
    json({ limit })(req as unknown as Request, {} as Response, (err?: unknown) => done(err));
    req.end(body);
  });
  expect(error).toBeDefined();
  return new ExpressAdapter().mapException(error);
}

describe('toErrorBody', () => {
  it('gives a DomainException its own code and status', () => {
    expect(toErrorBody(new DomainException('LAST_ADMIN', 'A workspace keeps at least one active admin'))).toEqual({
      statusCode: 409,
      message: 'A workspace keeps at least one active admin',
      error: 'Conflict',
      code: 'LAST_ADMIN',
    });
    const throttled = toErrorBody(new DomainException('LOGIN_THROTTLED', 'slow down', { 'Retry-After': '60' }));
    expect(throttled).toMatchObject({ statusCode: 429, code: 'LOGIN_THROTTLED', error: 'Too Many Requests' });
    expect(toErrorBody(new DomainException('VALIDATION_FAILED', ['a is required', 'b must be a string']))).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: ['a is required', 'b must be a string'],
    });
  });

  it.each([
    [new NotFoundException('Cannot GET /nowhere'), 404, 'ROUTE_NOT_FOUND'],
    [new UnauthorizedException(), 401, 'AUTH_REQUIRED'],
    [new ForbiddenException(), 403, 'ACCESS_DENIED'],
    [new BadRequestException('bad'), 400, 'BAD_REQUEST'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [new HttpException('Method Not Allowed', 405), 405, 'METHOD_NOT_ALLOWED'],
    [new HttpException('Unsupported', 415), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new HttpException('Down', 503), 503, 'SERVICE_UNAVAILABLE'],
    [new HttpException('Teapot', 418), 418, 'BAD_REQUEST'],
    [new HttpException('Gateway', 502), 502, 'INTERNAL_ERROR'],
  ])('gives Nest exception %p status %p and code %p', (exception, status, code) => {
    const body = toErrorBody(exception);
    expect(body.statusCode).toBe(status);
    expect(body.code).toBe(code);
    expect(typeof body.error).toBe('string');
    expect(body.message).toBeTruthy();
  });

  it('keeps the message and a code given in an HttpException response object', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /nowhere')).message).toBe('Cannot GET /nowhere');
    expect(toErrorBody(new HttpException({ message: 'custom', code: 'SOMETHING' }, 400))).toMatchObject({ message: 'custom', code: 'SOMETHING' });
    expect(toErrorBody(new HttpException('as a string', 404)).message).toBe('as a string');
  });

  it('maps body-parser failures wrapped by Nest through their cause', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token } in JSON at position 1'), { type: 'entity.parse.failed', status: 400 });
    expect(toErrorBody(new BadRequestException(parse.message, { cause: parse }))).toEqual({
      statusCode: 400,
      message: 'Request body is not valid JSON',
      error: 'Bad Request',
      code: 'MALFORMED_JSON',
    });
    const large = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, statusCode: 413 });
    expect(toErrorBody(new HttpException(large.message, 413, { cause: large }))).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      error: 'Payload Too Large',
    });
    // Unwrapped too, as express would pass it without Nest's adapter.
    expect(toErrorBody(parse).code).toBe('MALFORMED_JSON');
  });

  it('maps what express.json() really reports, after Nest wraps it', async () => {
    const malformed = await bodyParserFailure('{"text": ');
    expect(malformed).toBeInstanceOf(HttpException);
    expect(toErrorBody(malformed)).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });

    const tooLarge = await bodyParserFailure(JSON.stringify({ text: 'x'.repeat(200) }), '100b');
    expect(tooLarge).toBeInstanceOf(HttpException);
    expect(toErrorBody(tooLarge)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('ignores a cause that is not a body-parser failure', () => {
    const body = toErrorBody(new BadRequestException('bad input', { cause: new Error('SELECT * FROM users') }));
    expect(body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: 'bad input' });
  });

  it('turns any other error into a generic 500 that leaks nothing', () => {
    const secret = 'duplicate key value violates unique constraint "users_email_key" in INSERT INTO users (password_hash)';
    const error = new Error(secret);
    for (const exception of [error, Object.assign(new Error(secret), { status: 400 }), secret, { message: secret }, undefined]) {
      const body = toErrorBody(exception);
      expect(body).toEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', code: 'INTERNAL_ERROR' });
      expect(JSON.stringify(body)).not.toContain('users');
    }
  });
});

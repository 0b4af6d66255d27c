import { createServer, type Server, type Socket } from 'node:net';
import { Client, DatabaseError, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';
import { toErrorBody } from './error-body';

/** A TCP server on a free port doing `onSocket` with each connection (never speaking PostgreSQL). */
async function server(onSocket: (s: Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv: Server = createServer((s) => {
    sockets.add(s);
    onSocket(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  return { port, close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), srv.close(() => r()))) };
}

async function connectError(port: number, options: { pool?: boolean } = {}): Promise<unknown> {
  const config = { host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 300 };
  if (options.pool) {
    const pool = new Pool(config);
    const error = await pool.connect().then(() => undefined, (e: unknown) => e);
    await pool.end();
    return error;
  }
  const client = new Client(config);
  return client.connect().then(() => undefined, (e: unknown) => e);
}

const sqlError = (code: string, message = 'some server message') => Object.assign(new DatabaseError(message, message.length, 'error'), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection (nothing listens on the port)', async () => {
    const s = await server(() => undefined);
    await s.close();
    const error = await connectError(s.port);
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a connection the server dropped, and a pool that timed out acquiring one', async () => {
    const dropping = await server((socket) => socket.destroy());
    const dropped = await connectError(dropping.port);
    expect(String(dropped)).toMatch(/Connection terminated|ECONNRESET/);
    expect(isDatabaseUnavailable(dropped)).toBe(true);
    await dropping.close();

    const silent = await server(() => undefined);
    const timedOut = await connectError(silent.port, { pool: true });
    expect(String(timedOut)).toMatch(/timeout/);
    expect(isDatabaseUnavailable(timedOut)).toBe(true);
    await silent.close();
  });

  it.each(['57P01', '57P02', '57P03', '53300', '08006', '08001', '08P01'])('recognises SQLSTATE %s, bare and wrapped by TypeORM', (code) => {
    const error = sqlError(code, 'terminating connection due to administrator command');
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error))).toBe(true);
  });

  it('leaves every other failure alone: those are bugs or bad input, not an outage', () => {
    for (const code of ['23505', '42601', '40001', '22P02', '57014']) {
      expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], sqlError(code)))).toBe(false);
    }
    for (const other of [new Error('boom'), new TypeError('x is undefined'), null, undefined, 'ECONNREFUSED', 42, { code: 42 }]) {
      expect(isDatabaseUnavailable(other)).toBe(false);
    }
  });

  it('makes the error body a 503 DATABASE_UNAVAILABLE that says nothing about the server', async () => {
    const s = await server(() => undefined);
    await s.close();
    const body = toErrorBody(await connectError(s.port));
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\d{4,5}/);
    expect(toErrorBody(new QueryFailedError('SELECT 1', [], sqlError('23505')))).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
  });
});

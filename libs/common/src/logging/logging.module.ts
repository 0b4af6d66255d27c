import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { LogLevel } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Query parameters whose values are credentials: Meta's hub.verify_token, access_token, secret_token, api_key... */
const SECRET_PARAM = /token|secret|password|passwd|key|signature|auth|credential/i;

/**
 * The request URL as logged: every query value whose name looks like a credential is replaced, so a platform's
 * verification handshake (`?hub.verify_token=...`) never writes the channel's token to the logs.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        /* a malformed escape: match the raw name */
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** A caller's X-Request-Id is kept when it is sane, otherwise one is made; it is echoed back and on every log line. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** JSON logs through pino; client mistakes (4xx) are info, never error, and credentials are redacted. */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            genReqId: requestId,
            // A 503 (the database away, a platform told to redeliver) is expected during an outage, not a fault of ours.
            customLogLevel: (_req, res, err) => (res.statusCode === 503 ? 'warn' : res.statusCode >= 500 || err ? 'error' : 'info'),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature-256"]'], censor: '[redacted]' },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
          forRoutes: ['*path'],
        }),
      ],
    };
  }
}

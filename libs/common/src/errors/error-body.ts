import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainException, ErrorCode } from './domain.exception';

export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code: string;
}

/** Codes for Nest's and body-parser's own exceptions, which carry no code of ours. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'AUTH_REQUIRED',
  403: 'ACCESS_DENIED',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place an error becomes the contract's `{statusCode, message, error, code}`. A database that cannot be
 * reached is a 503 DATABASE_UNAVAILABLE (the filter adds Retry-After); anything else that is not an HttpException is
 * a 500 with a generic message: no stack, no SQL ever reaches a client.
 */
export function toErrorBody(exception: unknown): ErrorBody {
  // Nest wraps body-parser's failures (bad JSON, too large) in an HttpException whose cause says which.
  const bodyParserError = asBodyParserError(exception instanceof HttpException ? exception.cause : exception);
  if (bodyParserError) return bodyParserError;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const payload = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
    const code =
      exception instanceof DomainException
        ? exception.code
        : typeof payload.code === 'string'
          ? payload.code
          : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'));
    const message = (payload.message as string | string[] | undefined) ?? exception.message;
    return { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error', code };
  }
  if (isDatabaseUnavailable(exception)) {
    return { statusCode: 503, message: 'The database is not reachable right now; try again shortly', error: STATUS_CODES[503]!, code: 'DATABASE_UNAVAILABLE' };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    message: 'Internal server error',
    error: STATUS_CODES[500]!,
    code: 'INTERNAL_ERROR',
  };
}

/** body-parser reports its failures as plain errors with `type` and `status`. */
function asBodyParserError(exception: unknown): ErrorBody | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const known: Record<string, [ErrorCode, string]> = {
    'entity.too.large': ['PAYLOAD_TOO_LARGE', 'Request body is larger than 1 MiB'],
    'entity.parse.failed': ['MALFORMED_JSON', 'Request body is not valid JSON'],
    'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding'],
    'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset'],
    'request.aborted': ['BAD_REQUEST', 'Request aborted'],
    'request.size.invalid': ['BAD_REQUEST', 'Request size did not match Content-Length'],
    'parameters.too.many': ['PAYLOAD_TOO_LARGE', 'Too many parameters'],
  };
  const [code, message] = known[type] ?? ['BAD_REQUEST', 'Request body could not be read'];
  return { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error', code };
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable';
import { DomainException } from './domain.exception';
import { toErrorBody } from './error-body';

/**
 * Maps every exception to the contract's shape; only server faults are logged as errors, with their stack. A database
 * outage is a 503 with Retry-After, logged as a warning.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // An outage, not a bug: one line, no stack; the client is told when to come back.
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (exception instanceof DomainException) {
      for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}

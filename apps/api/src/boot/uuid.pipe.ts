import { ParseUUIDPipe } from '@nestjs/common';
import { DomainException } from '@app/common';

/** Path ids must be UUIDs; anything else is a validation error naming the parameter. */
export const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException('VALIDATION_FAILED', ['id must be a UUID']),
});

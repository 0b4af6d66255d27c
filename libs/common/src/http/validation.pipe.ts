import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException } from '../errors/domain.exception';

/** Flattens nested errors into `field: reason` lines so every offending field is named. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    // A missing field fails every rule at once; one line saying it is required reads better than five.
    if ((error.value === undefined || error.value === null) && error.constraints && !error.constraints.whitelistValidation) {
      return [`${path} is required`];
    }
    const own = Object.values(error.constraints ?? {}).map((reason) =>
      reason.startsWith(`${error.property} `) ? `${parent ? `${parent}.` : ''}${reason}` : `${path}: ${reason}`,
    );
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new DomainException('VALIDATION_FAILED', describeValidationErrors(errors)),
  });
}

/** The global pipe's rules, for bodies checked before the pipe runs (a guard that must see a valid body). */
export async function validateBody<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  const instance = plainToInstance(cls, typeof body === 'object' && body !== null ? body : {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false });
  if (errors.length > 0) throw new DomainException('VALIDATION_FAILED', describeValidationErrors(errors));
  return instance;
}

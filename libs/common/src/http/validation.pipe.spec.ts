import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, MinLength, ValidateNested, ValidationError } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { createValidationPipe, describeValidationErrors, validateBody } from './validation.pipe';

class Address {
  @IsString() city!: string;
  @IsInt() zip!: number;
}

class Rule {
  @IsString() @MinLength(2) name!: string;
}

class Person {
  @IsEmail() email!: string;
  @IsString() @MinLength(8) password!: string;
  @IsIn(['agent', 'admin']) access!: string;
  @IsOptional() @IsString() nickname?: string;
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Rule) rules?: Rule[];
}

const VALID = { email: 'a@b.example', password: 'long enough', access: 'agent', address: { city: 'Lyon', zip: 69001 } };

/** The messages the global pipe answers for body (fails the test when the body passes). */
async function pipeMessages(body: unknown): Promise<string[]> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: Person };
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe('VALIDATION_FAILED');
    expect((error as DomainException).getStatus()).toBe(400);
    return ((error as DomainException).getResponse() as { message: string[] }).message;
  }
  throw new Error('the body passed validation');
}

describe('validation', () => {
  it('lets a valid body through, transformed', async () => {
    const person = await createValidationPipe().transform(VALID, { type: 'body', metatype: Person });
    expect(person).toBeInstanceOf(Person);
    expect(person.address).toBeInstanceOf(Address);
  });

  it('names each missing field once, as required', async () => {
    const messages = await pipeMessages({ ...VALID, email: undefined, password: null, address: { zip: 1 } });
    expect(messages.sort()).toEqual(['address.city is required', 'email is required', 'password is required']);
  });

  it('names every bad field, nested ones with their path', async () => {
    const messages = await pipeMessages({
      email: 'not-an-email',
      password: 'short',
      access: 'owner',
      address: { city: 12, zip: 'x' },
      rules: [{ name: 'ok' }, { name: 'x' }],
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        'email must be an email',
        'password must be longer than or equal to 8 characters',
        expect.stringMatching(/^access must be one of the following values/),
        'address.city must be a string',
        'address.zip must be an integer number',
        'rules.1.name must be longer than or equal to 2 characters',
      ]),
    );
    expect(messages).toHaveLength(6);
  });

  it('names properties that are not allowed, at any depth', async () => {
    const messages = await pipeMessages({ ...VALID, role: 'boss', address: { ...VALID.address, planet: 'Mars' } });
    expect(messages.sort()).toEqual(['address.planet: property planet should not exist', 'role: property role should not exist']);
  });

  it('prefixes the path even when a message merely begins with the property name', async () => {
    const messages = await pipeMessages({ ...VALID, prop: 1, address: { ...VALID.address, prop: 2 } });
    expect(messages.sort()).toEqual(['address.prop: property prop should not exist', 'prop: property prop should not exist']);
  });

  it('does not call a forbidden property "required" when its value is null', async () => {
    expect(await pipeMessages({ ...VALID, role: null })).toEqual(['role: property role should not exist']);
  });

  it('flattens hand-built errors the same way', () => {
    const error = (property: string, value: unknown, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError =>
      Object.assign(new ValidationError(), { property, value, constraints, children });
    const lines = describeValidationErrors([
      error('when', { keywords: 3 }, undefined, [
        error('keywords', 3, { isArray: 'keywords must be an array' }),
        error('sentiment', undefined, { isIn: 'sentiment must be one of ...', isString: 'sentiment must be a string' }),
      ]),
      error('name', 5, { custom: 'must not be a number' }),
    ]);
    expect(lines).toEqual(['when.keywords must be an array', 'when.sentiment is required', 'name: must not be a number']);
  });

  it('validateBody applies the same rules before the pipe runs', async () => {
    await expect(validateBody(Person, VALID)).resolves.toBeInstanceOf(Person);
    const error = await validateBody(Person, 'not an object').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).getResponse()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.arrayContaining(['email is required']) });
  });
});

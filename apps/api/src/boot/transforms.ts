import { ValidateIf } from 'class-validator';

/** class-transformer helper: strings trimmed, anything else left for the validators to refuse. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * class-validator: checks the field unless it is absent. Unlike @IsOptional, a null is checked (and refused) too:
 * for a PATCH field that cannot be null, null is a wrong value, not "unchanged".
 */
export const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

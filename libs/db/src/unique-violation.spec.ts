import { isUniqueViolation } from './unique-violation';

describe('isUniqueViolation', () => {
  it('recognises the named index, as TypeORM wraps it or pg reports it', () => {
    expect(isUniqueViolation({ driverError: { code: '23505', constraint: 'roles_name_key' } }, 'roles_name_key')).toBe(true);
    expect(isUniqueViolation({ code: '23505', constraint: 'roles_name_key' }, 'roles_name_key')).toBe(true);
  });

  it('ignores other constraints, other errors and non-errors', () => {
    expect(isUniqueViolation({ driverError: { code: '23505', constraint: 'other' } }, 'roles_name_key')).toBe(false);
    expect(isUniqueViolation({ driverError: { code: '23503', constraint: 'roles_name_key' } }, 'roles_name_key')).toBe(false);
    expect(isUniqueViolation(new Error('x'), 'roles_name_key')).toBe(false);
    expect(isUniqueViolation(null, 'roles_name_key')).toBe(false);
  });
});

import { isLockConflict, isUniqueViolation } from './sql-state';

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

describe('isLockConflict', () => {
  it('recognises deadlocks, serialization failures and NOWAIT misses, wrapped or not', () => {
    expect(isLockConflict({ driverError: { code: '40P01' } })).toBe(true);
    expect(isLockConflict({ code: '40001' })).toBe(true);
    expect(isLockConflict({ code: '55P03' })).toBe(true);
    expect(isLockConflict({ code: '23505' })).toBe(false);
    expect(isLockConflict(new Error('deadlock detected'))).toBe(false);
    expect(isLockConflict(undefined)).toBe(false);
  });
});

/** PostgreSQL's SQLSTATE and constraint of an error, as TypeORM (in driverError) or pg itself reports them. */
function pgError(error: unknown): { code?: unknown; constraint?: unknown } | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  return e.driverError ?? e;
}

/** True for PostgreSQL's unique_violation on the given index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const source = pgError(error);
  return source?.code === '23505' && source.constraint === constraint;
}

/** deadlock_detected, serialization_failure, lock_not_available: a clash with concurrent work that a retry clears. */
export function isLockConflict(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === '40P01' || code === '40001' || code === '55P03';
}

/** True for PostgreSQL's unique_violation on the given index, as TypeORM (or pg itself) reports it. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const source = e.driverError ?? e;
  return source.code === '23505' && source.constraint === constraint;
}

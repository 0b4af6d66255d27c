/** Anything with TypeORM's query(): a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Rows of a statement, whatever its kind. TypeORM answers UPDATE and DELETE with `[rows, rowCount]` and everything
 * else with the rows; with RETURNING that difference is easy to miss, so every raw statement goes through here.
 */
export async function rows<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

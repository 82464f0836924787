import { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM answers an UPDATE or DELETE on PostgreSQL with
 * [rows, affectedCount] rather than rows; this hides the difference.
 */
export async function queryRows<T>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await tx.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { pgCode } from './pg-errors';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

type AfterCommit = () => void;
const afterCommitHooks = new WeakMap<EntityManager, AfterCommit[]>();

/** Registers work to run once the transaction behind `tx` has committed (never if it rolls back). */
export function afterCommit(tx: EntityManager, hook: AfterCommit): void {
  const hooks = afterCommitHooks.get(tx);
  if (!hooks) throw new Error('afterCommit needs a transaction opened by UnitOfWork.run');
  hooks.push(hook);
}

/** The one place transactions are opened. Services receive the transaction's EntityManager as `tx`. */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction. A deadlock or serialization failure rolls everything back and runs
   * `work` again from the start (up to three times), so `work` must do nothing outside the database.
   */
  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const hooks: AfterCommit[] = [];
      try {
        const result = await this.dataSource.transaction(async (tx) => {
          afterCommitHooks.set(tx, hooks);
          return work(tx);
        });
        for (const hook of hooks) hook();
        return result;
      } catch (err) {
        if (attempt >= 3 || !RETRYABLE.has(pgCode(err) ?? '')) throw err;
      }
    }
  }

  /**
   * Runs one statement on its own (PostgreSQL commits it as it ends): the hot paths write everything a step
   * needs in one statement of CTEs, so no connection sits idle in a transaction while this process is busy.
   * A deadlock or serialization failure runs it again, as run() does.
   */
  async statement<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    // Straight to the driver's pool: TypeORM's query runner adds nothing a lone statement needs.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    for (let attempt = 1; ; attempt++) {
      try {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          // Two arguments, so PreparingClient sends it as a named statement.
          return (await client.query(sql, params)).rows as T[];
        } catch (err) {
          // An error PostgreSQL answered leaves the connection usable; any other may not.
          if (!(err instanceof Error && 'severity' in err)) broken = err as Error;
          throw err;
        } finally {
          client.release(broken);
        }
      } catch (err) {
        if (attempt >= 3 || !RETRYABLE.has(pgCode(err) ?? '')) throw err;
      }
    }
  }
}

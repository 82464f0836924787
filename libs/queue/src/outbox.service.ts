import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { afterCommit } from '@app/database';
import { JOB_ROUTES, JobName, JobPayloads } from './registry';
import { RelaySignal } from './relay-signal';

const SCHEMA_NAME = /^[a-z_]+$/;

export interface OutboxMessage<K extends JobName = JobName> {
  name: K;
  payload: JobPayloads[K];
  deliverAt?: Date;
}

/** A message for outboxInsert(), typed by its job name. */
export function message<K extends JobName>(name: K, payload: JobPayloads[K], deliverAt?: Date): OutboxMessage {
  return { name, payload, deliverAt } as OutboxMessage;
}

/** A row no queue listens for is recorded already marked relayed: there is nothing to deliver. */
const routed = (name: JobName) => JOB_ROUTES[name].length > 0;

function checkSchema(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`bad schema name ${schema}`);
}

/**
 * The outbox write as a member of a larger statement (a data-modifying CTE), so that a state change and
 * the messages it owes land in one statement: `INSERT … SELECT … WHERE <when>`, binding four array
 * parameters from `$first`. `when` is SQL over the statement's other CTEs, e.g. `EXISTS (SELECT 1 FROM moved)`.
 * Call OutboxService.wake() once the statement has run.
 */
export function outboxInsert(schema: string, messages: OutboxMessage[], first: number, when = 'true'): { sql: string; params: unknown[] } {
  checkSchema(schema);
  const now = new Date();
  return {
    sql: `INSERT INTO "${schema}".outbox (type, payload, deliver_at, relayed_at)
          SELECT m.type, m.payload, m.deliver_at, CASE WHEN m.routed THEN NULL ELSE now() END
            FROM unnest($${first}::text[], $${first + 1}::jsonb[], $${first + 2}::timestamptz[], $${first + 3}::boolean[]) AS m(type, payload, deliver_at, routed)
           WHERE ${when}`,
    params: [
      messages.map((m) => m.name),
      messages.map((m) => JSON.stringify(m.payload)),
      messages.map((m) => m.deliverAt ?? now),
      messages.map((m) => routed(m.name)),
    ],
  };
}

/**
 * outboxInsert() for messages whose payloads the statement itself builds: one row per message and per row of
 * `from` (a CTE of the same statement), with `payload` and `deliverAt` as SQL over that row, in the given order.
 */
export function outboxInsertFrom(schema: string, from: string, messages: Array<{ name: JobName; payload: string; deliverAt?: string }>): string {
  checkSchema(schema);
  const rows = messages.map((m) => `SELECT '${m.name}', ${m.payload}, ${m.deliverAt ?? 'now()'}, ${routed(m.name) ? 'NULL::timestamptz' : 'now()'} FROM ${from}`);
  return `INSERT INTO "${schema}".outbox (type, payload, deliver_at, relayed_at) ${rows.join(' UNION ALL ')}`;
}

/** Writes events and commands into the caller's transaction; the relay moves them to BullMQ after commit. */
@Injectable()
export class OutboxService {
  constructor(private readonly signal: RelaySignal) {}

  async publish<K extends JobName>(
    tx: EntityManager,
    schema: string,
    name: K,
    payload: JobPayloads[K],
    opts: { deliverAt?: Date } = {},
  ): Promise<void> {
    const insert = outboxInsert(schema, [message(name, payload, opts.deliverAt)], 1);
    await tx.query(insert.sql, insert.params);
    if (routed(name)) afterCommit(tx, () => this.signal.wake(schema));
  }

  /** Tells the relay that a statement written with outboxInsert() has committed rows in `schema`. */
  wake(schema: string): void {
    this.signal.wake(schema);
  }
}

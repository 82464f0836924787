import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { afterCommit } from '@app/database';
import { JobName, JobPayloads } from './registry';
import { RelaySignal } from './relay-signal';

const SCHEMA_NAME = /^[a-z_]+$/;

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
    if (!SCHEMA_NAME.test(schema)) throw new Error(`bad schema name ${schema}`);
    await tx.query(`INSERT INTO "${schema}".outbox (type, payload, deliver_at) VALUES ($1, $2, $3)`, [
      name,
      JSON.stringify(payload),
      opts.deliverAt ?? new Date(),
    ]);
    afterCommit(tx, () => this.signal.wake(schema));
  }
}

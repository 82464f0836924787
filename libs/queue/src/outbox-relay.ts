import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions } from 'bullmq';
import { Env, hostedServices } from '@app/config';
import { commitWaitCte, queryRows, SCHEMA_OF, UnitOfWork } from '@app/database';
import { QueueClients } from './queue-clients';
import { RedisConnection } from './redis-connection';
import { JOB_ROUTES, JobName } from './registry';
import { RelaySignal, RelayTargets } from './relay-signal';

interface OutboxRow {
  id: string;
  type: string;
  payload: unknown;
  deliver_at: Date;
}

const BATCH = 500;
const IDLE_POLL_MS = 500;
const EPOCH_CHECK_MS = 1000;
/** After Redis lost its data, rows relayed this recently (or still due later) are relayed again. */
const REPLAY_WINDOW = '1 day';

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so any number of processes can
 * relay at once; each job id is derived from the row id, so a row relayed twice (crash between add and
 * mark) is still one job. While Redis is down the rows simply wait.
 *
 * A row marked relayed is safe only while Redis keeps the job. If Redis comes back empty (a restart
 * without persistence, a failover to a replica that had not caught up), the jobs it held are gone: each
 * schema keeps a marker key in Redis, and when the marker is missing the relay puts recently relayed
 * rows back in line. Job ids and the consumers' inboxes make the replay harmless for what already ran.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly schemas: string[];
  private running = false;
  private loop: Promise<void> | null = null;
  private failures = 0;
  private epochCheckedAt = 0;

  constructor(
    private readonly env: Env,
    private readonly uow: UnitOfWork,
    private readonly queues: QueueClients,
    private readonly signal: RelaySignal,
    private readonly redis: RedisConnection,
  ) {
    this.schemas = [...hostedServices(env)].map((s) => SCHEMA_OF[s]);
  }

  onApplicationBootstrap() {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.signal.wake();
    await this.loop;
  }

  private async run() {
    let targets: RelayTargets = 'all';
    while (this.running) {
      let full = false;
      try {
        if (Date.now() - this.epochCheckedAt >= EPOCH_CHECK_MS) {
          for (const schema of this.schemas) await this.replayIfRedisForgot(schema);
          this.epochCheckedAt = Date.now();
        }
        const schemas = targets === 'all' ? this.schemas : this.schemas.filter((s) => targets.includes(s));
        const busy: string[] = [];
        for (const schema of schemas) if ((await this.relayBatch(schema)) === BATCH) busy.push(schema);
        if (this.failures) this.logger.log({ msg: 'outbox relay recovered', afterFailures: this.failures });
        this.failures = 0;
        full = busy.length > 0;
        if (full) targets = busy; // more rows are waiting there: go again at once
      } catch (err) {
        if (this.failures++ === 0) this.logger.warn({ msg: 'outbox relay paused', err: (err as Error).message });
      }
      if (!this.running) break;
      if (this.failures) {
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** this.failures)));
        targets = 'all';
      } else if (!full) {
        targets = await this.signal.wait(IDLE_POLL_MS);
      }
    }
  }

  /**
   * Sets the schema's marker if Redis does not have it; when it was missing, Redis is new or lost its
   * data, so recently relayed rows go back in line. Returns how many rows were put back.
   */
  async replayIfRedisForgot(schema: string): Promise<number> {
    const key = `${this.env.QUEUE_PREFIX}:outbox-epoch:${schema}`;
    const fresh = await this.redis.client.set(key, new Date().toISOString(), 'NX');
    if (fresh !== 'OK') return 0;
    const replayed = await this.uow.run(async (tx) => {
      const [{ n }] = await tx.query(
        `WITH again AS (
           UPDATE "${schema}".outbox SET relayed_at = NULL
            WHERE relayed_at IS NOT NULL AND (relayed_at > now() - interval '${REPLAY_WINDOW}' OR deliver_at > now())
           RETURNING 1)
         SELECT count(*)::int AS n FROM again`,
      );
      return n as number;
    });
    if (replayed) this.logger.warn({ msg: 'no outbox marker in Redis (a new Redis, or one that lost its data): relaying recent rows again', schema, rows: replayed });
    return replayed;
  }

  /** Relays one batch from one schema; returns how many rows it moved. */
  async relayBatch(schema: string): Promise<number> {
    return this.uow.run(async (tx) => {
      // Claimed and marked in one statement; if adding the jobs fails, the transaction rolls the mark back.
      // Losing the mark in a crash only relays the rows again, and job ids make that one job each: the
      // commit need not wait for the WAL flush (commit-wait.ts).
      const rows: OutboxRow[] = (
        await queryRows<OutboxRow>(
          tx,
          `WITH durability AS (${commitWaitCte(`'off'`)})
           UPDATE "${schema}".outbox SET relayed_at = now() FROM durability
            WHERE id IN (SELECT id FROM "${schema}".outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING id, type, payload, deliver_at`,
        )
      ).sort((a, b) => Number(a.id) - Number(b.id));
      if (!rows.length) return 0;
      const byQueue = new Map<string, Array<{ name: string; data: unknown; opts: JobsOptions }>>();
      const now = Date.now();
      for (const row of rows) {
        const routes = JOB_ROUTES[row.type as JobName];
        if (!routes) throw new Error(`outbox row ${schema}.${row.id} has unknown type ${row.type}`);
        for (const queue of routes) {
          const delay = Math.max(0, new Date(row.deliver_at).getTime() - now);
          const list = byQueue.get(queue) ?? [];
          list.push({ name: row.type, data: row.payload, opts: { jobId: `${schema}-${row.id}`, delay } });
          byQueue.set(queue, list);
        }
      }
      for (const [queue, jobs] of byQueue) await this.queues.get(queue).addBulk(jobs);
      return rows.length;
    });
  }
}

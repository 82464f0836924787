import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { Env } from '@app/config';
import { newParcelCode, newTraceCode, PRODUCER_DIRECTORY, ProducerDirectory } from '@app/contracts';
import { pgCode, PG_UNIQUE_VIOLATION, queryRows, UnitOfWork } from '@app/database';
import { AppError } from '@app/errors';
import { OutboxService } from '@app/queue';
import { SCHEMA } from '../tracking';
import { packLines, samePacking } from './catch-weight';
import { CallerProducer } from './caller-producer';
import { PackTaskDto } from './dto/pack-task.dto';
import { PackTasksService } from './pack-tasks.service';
import { assertTaskTransition } from './task-status';
import { packedLines, TASK_COLUMNS, TaskLine, TaskRow } from './task-row';

/**
 * A farmer packs a task: each line as weighed, as ordered, or short. The task, its parcel, and the events
 * for the order service (task packed, which the order service also tracks as 'packed') are written in one transaction. Packing again with
 * the same answers returns the task as it is (a double tap); different answers are a 409.
 */
@Injectable()
export class PackingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly env: Env,
    private readonly producer: CallerProducer,
    private readonly tasks: PackTasksService,
    @Inject(PRODUCER_DIRECTORY) private readonly directory: ProducerDirectory,
  ) {}

  async pack(caller: AuthUser, taskId: string, dto: PackTaskDto) {
    const me = await this.producer.require(caller);
    const task = await this.tasks.requireOwnTask(caller, taskId);
    // Read before the transaction: where the goods come from goes on the trace page.
    const origins = task.status === 'open' ? await this.directory.origins(task.lines.map((l) => l.productId)) : [];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.uow.run(async (tx) => {
          const [locked] = await queryRows<TaskRow>(
            tx,
            `SELECT ${TASK_COLUMNS} FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id WHERE t.id = $1 FOR UPDATE OF t`,
            [task.id],
          );
          if (locked.status !== 'open') {
            if ((locked.status === 'packed' || locked.status === 'short') && samePacking(packedLines(locked.lines), dto.lines)) return;
            if (locked.status === 'cancelled') {
              throw new AppError('INVALID_TRANSITION', 'The order was cancelled: there is nothing to pack', { from: 'cancelled', to: 'packed' });
            }
            throw new AppError('INVALID_TRANSITION', `This task is already ${locked.status}; packing cannot be changed`, { from: locked.status, to: 'packed' });
          }
          const outcome = packLines(locked.lines, dto.lines, this.env.CATCH_WEIGHT_TOLERANCE_PCT);
          const allShort = outcome.every((l) => l.short);
          const status = allShort ? 'short' : 'packed';
          assertTaskTransition(locked.status, status);
          const lines: TaskLine[] = locked.lines.map((l) => {
            const o = outcome.find((x) => x.productId === l.productId)!;
            return { ...l, outcome: { packedGrams: o.packedGrams, short: o.short, finalFen: o.finalFen } };
          });
          const packedFen = outcome.reduce((s, l) => s + l.finalFen, 0);
          const [{ packed_at: at }] = await queryRows<{ packed_at: Date }>(
            tx,
            `UPDATE logistics.pack_tasks SET status = $2, lines = $3, packed_fen = $4, packed_at = now(), updated_at = now() WHERE id = $1 RETURNING packed_at`,
            [locked.id, status, JSON.stringify(lines), packedFen],
          );
          let parcel: { id: string; code: string } | null = null;
          if (!allShort) {
            const sent = lines.filter((l) => !l.outcome!.short);
            const traced = sent.map((l) => {
              const o = origins.find((x) => x.productId === l.productId);
              return { productId: l.productId, titleZh: l.titleZh, originCounty: o?.originCounty ?? null, harvestFrom: o?.harvestFrom ?? null, harvestTo: o?.harvestTo ?? null };
            });
            [parcel] = await queryRows<{ id: string; code: string }>(
              tx,
              `INSERT INTO logistics.parcels (task_id, code, trace_code, order_id, producer_id, pickup_point_id, pickup_day, goods_fen,
                                              producer_name, producer_county, producer_township, origins, packed_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13) RETURNING id, code`,
              [locked.id, newParcelCode(), newTraceCode(), locked.order_id, locked.producer_id, locked.pickup_point_id, locked.pickup_day,
                packedFen, me.name, me.county, me.township, JSON.stringify(traced), at],
            );
          }
          await this.outbox.publish(tx, SCHEMA, 'logistics.task.packed', {
            taskId: locked.id,
            orderId: locked.order_id,
            producerId: locked.producer_id,
            parcelId: parcel?.id ?? null,
            parcelCode: parcel?.code ?? null,
            lines: outcome,
            at: at.toISOString(),
          });
        });
        break;
      } catch (err) {
        // A new parcel or trace code that happens to exist already (1 in 2^45): draw again.
        if (attempt < 3 && pgCode(err) === PG_UNIQUE_VIOLATION) continue;
        throw err;
      }
    }
    return this.tasks.get(caller, task.id);
  }
}

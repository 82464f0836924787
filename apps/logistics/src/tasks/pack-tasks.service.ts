import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/auth';
import { PICKUP_CLIENT, PickupClient, todayInChina } from '@app/contracts';
import { AppError, invalid, notFound } from '@app/errors';
import { addDays, daysBetween } from '@app/contracts';
import { orderedGrams, soldByWeight } from './catch-weight';
import { CallerProducer } from './caller-producer';
import { DayDto, EarningsDto, ListTasksDto } from './dto/pack-task.dto';
import { TASK_COLUMNS, TaskRow, taskView } from './task-row';

const MAX_EARNINGS_DAYS = 366;

/** What a farmer reads: their pack tasks, the day's pack list by pickup point, and what they earned. */
@Injectable()
export class PackTasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: CallerProducer,
    @Inject(PICKUP_CLIENT) private readonly pickup: PickupClient,
  ) {}

  async list(caller: AuthUser, dto: ListTasksDto) {
    const me = await this.producer.require(caller);
    const params: unknown[] = [me.id];
    let where = `t.producer_id = $1`;
    if (dto.day) where += ` AND t.pickup_day = $${params.push(dto.day)}::date`;
    if (dto.status) where += ` AND t.status = $${params.push(dto.status)}`;
    const rows: TaskRow[] = await this.db.query(
      `SELECT ${TASK_COLUMNS} FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id
        WHERE ${where} ORDER BY t.pickup_day, t.created_at LIMIT 500`,
      params,
    );
    const names = await this.pointNames(rows.map((r) => r.pickup_point_id));
    return { items: rows.map((r) => taskView(r, names.get(r.pickup_point_id))) };
  }

  async get(caller: AuthUser, id: string) {
    const task = await this.requireOwnTask(caller, id);
    const names = await this.pointNames([task.pickup_point_id]);
    return taskView(task, names.get(task.pickup_point_id));
  }

  /** The caller's task, or 404 for anyone else's (existence does not leak). `id` is a UUID (IdPipe). */
  async requireOwnTask(caller: AuthUser, id: string): Promise<TaskRow> {
    const me = await this.producer.require(caller);
    const rows: TaskRow[] = await this.db.query(
      `SELECT ${TASK_COLUMNS} FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id WHERE t.id = $1`,
      [id],
    );
    if (!rows[0] || rows[0].producer_id !== me.id) throw notFound('Pack task');
    return rows[0];
  }

  /** What to pack for a day, by pickup point: tasks still open and already packed, with item totals. */
  async packList(caller: AuthUser, dto: DayDto) {
    const me = await this.producer.require(caller);
    const rows: TaskRow[] = await this.db.query(
      `SELECT ${TASK_COLUMNS} FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id
        WHERE t.producer_id = $1 AND t.pickup_day = $2::date AND t.status IN ('open', 'packed') ORDER BY t.created_at`,
      [me.id, dto.day],
    );
    const names = await this.pointNames(rows.map((r) => r.pickup_point_id));
    const byPoint = new Map<string, TaskRow[]>();
    for (const r of rows) byPoint.set(r.pickup_point_id, [...(byPoint.get(r.pickup_point_id) ?? []), r]);
    const points = [...byPoint].map(([pointId, tasks]) => ({
      pickupPointId: pointId,
      pickupPointName: names.get(pointId) ?? null,
      ...totals(tasks),
      tasks: tasks.map((t) => ({ id: t.id, orderId: t.order_id, status: t.status, orderedFen: t.ordered_fen, parcelCode: t.parcel_code })),
    }));
    points.sort((a, b) => (a.pickupPointName ?? '').localeCompare(b.pickupPointName ?? '', 'zh-CN'));
    return { day: dto.day, producerId: me.id, ...totals(rows), points };
  }

  /** Per packing day (China time): goods value packed (finalFen), voided parcels left out. */
  async earnings(caller: AuthUser, dto: EarningsDto) {
    const me = await this.producer.require(caller);
    const to = dto.to ?? todayInChina();
    const from = dto.from ?? addDays(to, -29);
    if (from > to) throw invalid('from', 'from must not be after to');
    if (daysBetween(from, to) >= MAX_EARNINGS_DAYS) throw invalid('from', `ask for at most ${MAX_EARNINGS_DAYS} days at a time`);
    const rows: Array<{ day: string; tasks: number; goods_fen: number }> = await this.db.query(
      `SELECT (t.packed_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day, count(*)::int AS tasks, sum(t.packed_fen)::bigint AS goods_fen
         FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id
        WHERE t.producer_id = $1 AND t.status = 'packed' AND p.status IS DISTINCT FROM 'voided'
          AND t.packed_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND t.packed_at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY 1 ORDER BY 1`,
      [me.id, from, to],
    );
    const days = rows.map((r) => ({ day: r.day, tasks: r.tasks, goodsFen: Number(r.goods_fen) }));
    return { producerId: me.id, from, to, days, totalFen: days.reduce((s, d) => s + d.goodsFen, 0) };
  }

  private async pointNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    try {
      const places = await this.pickup.places(unique);
      return new Map(places.map((p) => [p.id, p.name]));
    } catch (err) {
      // The names are a courtesy: a farmer still sees their tasks while the pickup-point service is away.
      if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') return new Map();
      throw err;
    }
  }
}

function totals(tasks: TaskRow[]) {
  const items = new Map<string, { productId: string; titleZh: string; unit: string; quantity: number; orderedGrams: number | null; openQuantity: number }>();
  for (const t of tasks) {
    for (const l of t.lines) {
      const item = items.get(l.productId) ?? { productId: l.productId, titleZh: l.titleZh, unit: l.unit, quantity: 0, orderedGrams: soldByWeight(l.unit) ? 0 : null, openQuantity: 0 };
      item.quantity += l.quantity;
      if (item.orderedGrams !== null) item.orderedGrams += orderedGrams(l);
      if (t.status === 'open') item.openQuantity += l.quantity;
      items.set(l.productId, item);
    }
  }
  return {
    taskCount: tasks.length,
    openCount: tasks.filter((t) => t.status === 'open').length,
    orderedFen: tasks.reduce((s, t) => s + t.ordered_fen, 0),
    items: [...items.values()].sort((a, b) => a.titleZh.localeCompare(b.titleZh, 'zh-CN')),
  };
}

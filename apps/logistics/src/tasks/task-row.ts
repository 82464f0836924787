import type { OrderLineSnapshot, PackedLine } from '@app/queue';
import { orderedGrams, soldByWeight } from './catch-weight';
import type { TaskStatus } from './task-status';
import type { ParcelStatus } from '../parcels/parcel-status';

/** An order line as the task keeps it; the packing outcome is added when the task is packed. */
export interface TaskLine extends OrderLineSnapshot {
  outcome?: { packedGrams: number | null; short: boolean; finalFen: number };
}

export interface TaskRow {
  id: string;
  order_id: string;
  producer_id: string;
  buyer_id: string;
  pickup_point_id: string;
  pickup_day: string;
  payment_method: 'online' | 'pay_at_pickup';
  status: TaskStatus;
  lines: TaskLine[];
  ordered_fen: number;
  packed_fen: number | null;
  perishable: boolean;
  created_at: Date;
  packed_at: Date | null;
  cancelled_at: Date | null;
  parcel_id: string | null;
  parcel_code: string | null;
  parcel_status: ParcelStatus | null;
}

/** Task columns with its parcel, for `FROM logistics.pack_tasks t LEFT JOIN logistics.parcels p ON p.task_id = t.id`. */
export const TASK_COLUMNS = `t.id, t.order_id, t.producer_id, t.buyer_id, t.pickup_point_id, t.pickup_day::text AS pickup_day, t.payment_method,
  t.status, t.lines, t.ordered_fen, t.packed_fen, t.perishable, t.created_at, t.packed_at, t.cancelled_at,
  p.id AS parcel_id, p.code AS parcel_code, p.status AS parcel_status`;

export const packedLines = (lines: TaskLine[]): PackedLine[] =>
  lines
    .filter((l) => l.outcome)
    .map((l) => ({ productId: l.productId, quantity: l.quantity, packedGrams: l.outcome!.packedGrams, short: l.outcome!.short, finalFen: l.outcome!.finalFen }));

/** What went into the parcel (the lines not short), as its label and the point's manifest list it. */
export function parcelContents(lines: TaskLine[]) {
  const sent = lines.filter((l) => l.outcome && !l.outcome.short);
  return {
    perishable: sent.some((l) => l.perishable),
    items: sent.map((l) => ({ titleZh: l.titleZh, unit: l.unit, quantity: l.quantity, packedGrams: l.outcome!.packedGrams })),
  };
}

/** What the farmer sees of a task: their lines, the point and day, how it was packed. No buyer data. */
export function taskView(t: TaskRow, pointName?: string | null) {
  return {
    id: t.id,
    orderId: t.order_id,
    pickupPointId: t.pickup_point_id,
    pickupPointName: pointName ?? null,
    pickupDay: t.pickup_day,
    status: t.status,
    paymentMethod: t.payment_method,
    perishable: t.perishable,
    orderedFen: t.ordered_fen,
    packedFen: t.packed_fen,
    lines: t.lines.map((l) => ({
      productId: l.productId,
      titleZh: l.titleZh,
      unit: l.unit,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen: l.lineTotalFen,
      soldByWeight: soldByWeight(l.unit),
      orderedGrams: soldByWeight(l.unit) ? orderedGrams(l) : null,
      perishable: l.perishable,
      packedGrams: l.outcome?.packedGrams ?? null,
      short: l.outcome?.short ?? null,
      finalFen: l.outcome?.finalFen ?? null,
    })),
    parcel: t.parcel_id ? { id: t.parcel_id, code: t.parcel_code, status: t.parcel_status, labelUrl: `/api/logistics/parcels/${t.parcel_id}/label` } : null,
    createdAt: t.created_at.toISOString(),
    packedAt: t.packed_at?.toISOString() ?? null,
    cancelledAt: t.cancelled_at?.toISOString() ?? null,
  };
}

import { DataSource, EntityManager } from 'typeorm';
import { ORDER_COLUMNS, OrderRow } from './order-store';

interface LineRow {
  product_id: string;
  producer_id: string;
  title_zh: string;
  unit: string;
  unit_price_fen: number;
  quantity: number;
  line_total_fen: number;
  final_fen: number | null;
  packed_grams: number | null;
  outcome: string;
}

interface ParcelRow {
  producer_id: string;
  parcel_code: string | null;
  status: string;
}

/** An order row with its lines, history and payment as JSON arrays, as orderView() reads it. */
export type OrderViewRow = OrderRow & {
  lines: LineRow[] | null;
  events: Array<Record<string, string>> | null;
  payments: Array<Record<string, unknown>> | null;
  parcels?: ParcelRow[] | null;
  tracking?: Array<Record<string, string | null>> | null;
  refunds?: Array<Record<string, unknown>> | null;
};

/**
 * The JSON arrays of an OrderViewRow, aggregated from row sources named `l` (order lines), `e` (history) and
 * `p` (payments): the tables themselves, or the rows a statement has just written (see CheckoutService.record).
 */
export function viewAggregates(lines: string, events: string, payments: string): string {
  return `(SELECT json_agg(l ORDER BY l.producer_id, l.title_zh) FROM ${lines}) AS lines,
       (SELECT json_agg(json_build_object('from_status', e.from_status, 'to_status', e.to_status, 'reason', e.reason, 'at', e.at) ORDER BY e.id)
          FROM ${events}) AS events,
       (SELECT json_agg(json_build_object('provider', p.provider, 'status', p.status, 'amount_fen', p.amount_fen,
               'client_secret', p.client_secret, 'last_error', p.last_error, 'settlement', p.settlement))
          FROM ${payments}) AS payments`;
}

/** The order as its buyer (or an admin) sees it: lines grouped by producer, history, payment state. */
export async function loadOrderView(db: DataSource | EntityManager, id: string, withSecret: boolean) {
  // One round trip: the order with its lines, history and payment as JSON arrays.
  const rows: OrderViewRow[] = await db.query(
    `SELECT ${ORDER_COLUMNS},
       ${viewAggregates(
         'ordering.order_lines l WHERE l.order_id = o.id',
         'ordering.order_events e WHERE e.order_id = o.id',
         'ordering.payments p WHERE p.order_id = o.id',
       )},
       (SELECT json_agg(json_build_object('producer_id', p.producer_id, 'parcel_code', p.parcel_code, 'status', p.status))
          FROM ordering.order_parcels p WHERE p.order_id = o.id) AS parcels,
       (SELECT json_agg(json_build_object('producer_id', t.producer_id, 'kind', t.kind, 'note', t.note, 'at', t.at) ORDER BY t.at, t.id)
          FROM ordering.order_tracking t WHERE t.order_id = o.id) AS tracking,
       (SELECT json_agg(json_build_object('amount_fen', r.amount_fen, 'kind', r.kind, 'reason', r.reason, 'status', r.status, 'at', r.created_at) ORDER BY r.created_at)
          FROM ordering.refunds r WHERE r.order_id = o.id) AS refunds
     FROM ordering.orders o WHERE o.id = $1`,
    [id],
  );
  return rows[0] ? orderView(rows[0], withSecret) : null;
}

export function orderView(o: OrderViewRow, withSecret: boolean) {
  const lines = o.lines ?? [];
  const events = o.events ?? [];
  const payments = o.payments ?? [];
  const parcels = new Map((o?.parcels ?? []).map((p) => [p.producer_id, p]));
  const groups = new Map<string, { producerId: string; parcel: { code: string | null; status: string } | null; lines: ReturnType<typeof lineView>[]; subtotalFen: number }>();
  for (const l of lines) {
    const parcel = parcels.get(l.producer_id);
    const g = groups.get(l.producer_id) ?? { producerId: l.producer_id, parcel: parcel ? { code: parcel.parcel_code, status: parcel.status } : null, lines: [], subtotalFen: 0 };
    g.lines.push(lineView(l));
    g.subtotalFen += l.line_total_fen;
    groups.set(l.producer_id, g);
  }
  const payment = payments[0];
  return {
    id: o.id,
    status: o.status,
    paymentMethod: o.payment_method,
    pickupPointId: o.pickup_point_id,
    pickupDay: o.pickup_day,
    itemsFen: o.items_fen,
    totalFen: o.total_fen,
    refundedFen: o.refunded_fen,
    // What the goods are worth now that packing and delivery have happened: what a pay-at-pickup buyer pays.
    goodsFen: lines.reduce((sum, l) => sum + (['ordered', 'packed'].includes(l.outcome) ? (l.final_fen ?? l.line_total_fen) : 0), 0),
    expiresAt: o.status === 'pending_payment' && o.expires_at ? new Date(o.expires_at).toISOString() : null,
    placedAt: o.placed_at ? new Date(o.placed_at).toISOString() : null,
    producers: [...groups.values()],
    tracking: (o.tracking ?? []).map((t) => ({ kind: t.kind, producerId: t.producer_id, note: t.note, at: new Date(t.at as string).toISOString() })),
    refunds: (o.refunds ?? []).map((r) => ({ amountFen: r.amount_fen, kind: r.kind, reason: r.reason, status: r.status, at: new Date(r.at as string).toISOString() })),
    history: events.map((e) => ({ from: e.from_status, to: e.to_status, reason: e.reason, at: new Date(e.at as string).toISOString() })),
    payment: payment
      ? {
          provider: payment.provider,
          status: payment.status,
          amountFen: payment.amount_fen,
          lastError: payment.last_error,
          settlement: payment.settlement,
          clientSecret: withSecret && payment.status === 'requires_payment' && o.status === 'pending_payment' ? payment.client_secret : undefined,
        }
      : null,
  };
}

function lineView(l: LineRow) {
  return {
    productId: l.product_id,
    titleZh: l.title_zh,
    unit: l.unit,
    unitPriceFen: l.unit_price_fen,
    quantity: l.quantity,
    lineTotalFen: l.line_total_fen,
    outcome: l.outcome,
    packedGrams: l.packed_grams,
    finalFen: l.final_fen,
  };
}

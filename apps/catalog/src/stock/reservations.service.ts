import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthUser, requireRole } from '@app/auth';
import { Env } from '@app/config';
import type { ReservationLineView, ReservationStatus, ReservationView, ReserveStockRequest } from '@app/contracts';
import { CommitWait, commitWaitCte, commitWaitSetting, pgCode, pgConstraint, PG_CHECK_VIOLATION, queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { OutboxService, outboxInsertFrom } from '@app/queue';
import { ProductLookupService } from '../products/lookup.service';
import { assertReservationTransition, reservationSourcesOf } from './reservation-status';

interface Header {
  id: string;
  idempotency_key: string;
  request_hash: string;
  status: ReservationStatus;
  expires_at: Date;
}

interface LineRow {
  product_id: string;
  producer_id: string;
  price_fen: number;
  title_zh: string;
  unit: ReservationLineView['unit'];
  perishable: boolean;
  shelf_life_days: number | null;
  pre_sale: boolean;
  expected_ship_date: string | null;
}

const LINE_COLUMNS = `p.id AS product_id, p.producer_id, p.price_fen, p.title_zh, p.unit, p.perishable, p.shelf_life_days,
  p.pre_sale, p.expected_ship_date::text`;

const GIVE_BACK = 'stock_available = p.stock_available + l.quantity, stock_reserved = p.stock_reserved - l.quantity';

/** A reservation joined to its lines and their products: one row per line (one row with null lines if none). */
type ViewRow = Omit<Header, 'request_hash'> & Partial<Omit<LineRow, 'price_fen'>> & { quantity: number | null; unit_price_fen: number | null };

function toView(rows: ViewRow[]): ReservationView {
  const head = rows[0];
  const lines: ReservationLineView[] = rows
    .filter((r) => r.product_id)
    .map((r) => ({
      productId: r.product_id as string,
      producerId: r.producer_id as string,
      quantity: r.quantity as number,
      unitPriceFen: r.unit_price_fen as number,
      titleZh: r.title_zh as string,
      unit: r.unit as ReservationLineView['unit'],
      perishable: r.perishable as boolean,
      shelfLifeDays: r.shelf_life_days ?? null,
      preSale: r.pre_sale as boolean,
      expectedShipDate: r.expected_ship_date ?? null,
    }));
  return { id: head.id, idempotencyKey: head.idempotency_key, status: head.status, expiresAt: new Date(head.expires_at).toISOString(), lines };
}

function toLine(r: LineRow, quantity: number): ReservationLineView {
  return {
    productId: r.product_id,
    producerId: r.producer_id,
    quantity,
    unitPriceFen: r.price_fen,
    titleZh: r.title_zh,
    unit: r.unit,
    perishable: r.perishable,
    shelfLifeDays: r.shelf_life_days,
    preSale: r.pre_sale,
    expectedShipDate: r.expected_ship_date,
  };
}

/** Sums the lines of each product and orders them by id: one row lock order for every transaction. */
export function normalizeItems(items: ReserveStockRequest['items']): Array<{ productId: string; quantity: number }> {
  const sums = new Map<string, number>();
  for (const { productId, quantity } of items) {
    const id = productId.toLowerCase();
    sums.set(id, (sums.get(id) ?? 0) + quantity);
  }
  return [...sums].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

/**
 * Stock held for an order: reserve (all lines or none), commit when the order is paid, release when it
 * is cancelled, expire when its time runs out. Correctness lives in PostgreSQL: a conditional UPDATE
 * per product (stock_available >= quantity) and a CHECK that stock is never negative, so any number of
 * processes may reserve at once.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly env: Env,
    private readonly lookup: ProductLookupService,
  ) {}

  /**
   * `commit`: 'no-wait' only for a caller that commits its own record of the reservation in this same
   * database afterwards, with a wait (see commit-wait.ts): the in-process client, for checkout.
   */
  async reserve(caller: AuthUser, req: ReserveStockRequest, commit: CommitWait = 'wait'): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    const items = normalizeItems(req.items);
    const hash = createHash('sha256').update(JSON.stringify(items)).digest('hex');
    const ttl = req.ttlSeconds ?? this.env.RESERVATION_TTL_SECONDS;
    for (let attempt = 1; ; attempt++) {
      const made = await this.reserveAtOnce(caller, req.idempotencyKey, hash, ttl, items, commit);
      if (made) return made;
      const existing = await this.findByKey(req.idempotencyKey);
      if (existing) {
        if (existing.request_hash !== hash) {
          throw new AppError('IDEMPOTENCY_MISMATCH', 'This idempotency key was used for a different set of items', { reservationId: existing.id });
        }
        return this.view(existing.id);
      }
      for (const item of items) {
        const refusal = await this.whyNot(item.productId, item.quantity);
        if (refusal) throw refusal;
      }
      // Every line can be had again (stock came back between the two reads): try once more, then give up.
      if (attempt >= 3) throw new AppError('INSUFFICIENT_STOCK', 'The stock is changing fast: try again', { productIds: items.map((i) => i.productId) });
    }
  }

  /**
   * The reservation in one statement, so the product rows stay locked only while it runs and commits:
   *
   * - `ok` reads whether every line can be had (product on sale, producer approved, the minimum met, the
   *   stock there); only then is the reservation inserted, and only a new key (`ON CONFLICT DO NOTHING`)
   *   goes on to move stock;
   * - the products are locked in id order, the order every transaction takes them in;
   * - the stock moves without a condition: if another order took it since `ok` read it, the CHECK
   *   (stock_available >= 0) fails the whole statement, which writes nothing.
   *
   * Null when nothing was written (a used key, or a line that cannot be had), for reserve() to explain.
   */
  private async reserveAtOnce(
    caller: AuthUser,
    key: string,
    hash: string,
    ttl: number,
    items: Array<{ productId: string; quantity: number }>,
    commit: CommitWait,
  ): Promise<ReservationView | null> {
    let rows: Array<LineRow & { id: string; expires_at: Date; quantity: number; stock_available: number }>;
    try {
      rows = await this.uow.statement(
        `WITH durability AS (${commitWaitCte('$7')}),
         want AS (SELECT * FROM unnest($5::uuid[], $6::int[]) AS w(product_id, quantity)),
         ok AS (
           SELECT count(*) = cardinality($5::uuid[]) AS all_there FROM want w
             JOIN catalog.products p ON p.id = w.product_id JOIN catalog.producers pr ON pr.id = p.producer_id
            WHERE p.status = 'active' AND pr.status = 'approved' AND p.stock_available >= w.quantity AND p.min_order_qty <= w.quantity),
         r AS (
           INSERT INTO catalog.reservations (idempotency_key, request_hash, requested_by, expires_at)
           SELECT $1, $2, $3, now() + make_interval(secs => $4) FROM durability WHERE (SELECT all_there FROM ok)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, expires_at),
         locked AS (
           SELECT p.id FROM catalog.products p WHERE p.id = ANY($5::uuid[]) AND EXISTS (SELECT 1 FROM r) ORDER BY p.id FOR UPDATE),
         moved AS (
           UPDATE catalog.products p
              SET stock_available = p.stock_available - w.quantity, stock_reserved = p.stock_reserved + w.quantity, updated_at = now()
             FROM want w, locked
            WHERE p.id = w.product_id AND locked.id = p.id
           RETURNING ${LINE_COLUMNS}, w.quantity, p.stock_available),
         line AS (
           INSERT INTO catalog.reservation_lines (reservation_id, product_id, quantity, unit_price_fen)
           SELECT r.id, moved.product_id, moved.quantity, moved.price_fen FROM r, moved),
         expiry AS (${outboxInsertFrom('catalog', 'r', [{ name: 'catalog.reservation.expire', payload: `jsonb_build_object('reservationId', r.id)`, deliverAt: 'r.expires_at' }])})
         SELECT r.id, r.expires_at, moved.* FROM r JOIN moved ON true ORDER BY moved.product_id`,
        [key, hash, caller.id, ttl, items.map((i) => i.productId), items.map((i) => i.quantity), commitWaitSetting(commit)],
      );
    } catch (err) {
      if (pgCode(err) === PG_CHECK_VIOLATION && pgConstraint(err) === 'products_stock_available_check') return null;
      throw err;
    }
    if (!rows.length) return null;
    for (const r of rows) this.lookup.cache.learnStock(r.product_id, r.stock_available);
    this.outbox.wake('catalog');
    const [{ id, expires_at }] = rows;
    return { id, idempotencyKey: key, status: 'held', expiresAt: new Date(expires_at).toISOString(), lines: rows.map((r) => toLine(r, r.quantity)) };
  }

  async get(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    return this.view(id);
  }

  /** The order is paid: reserved stock becomes sold. Committing twice is harmless. */
  async commit(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    return this.move(id, 'committed', 'stock_reserved = p.stock_reserved - l.quantity, stock_sold = p.stock_sold + l.quantity', ['committed']);
  }

  /** The order is cancelled before payment: the stock goes back on sale. Releasing twice is harmless. */
  async release(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    return this.move(id, 'released', GIVE_BACK, ['released', 'expired']);
  }

  /** A paid order was cancelled before packing: its sold stock goes back on sale. Harmless twice. */
  async restock(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    return this.move(id, 'returned', 'stock_available = p.stock_available + l.quantity, stock_sold = p.stock_sold - l.quantity', ['returned']);
  }

  /**
   * Moves a reservation to `to` (commit, release, restock); a reservation already in one of `already`
   * answers as it is; any other refused move is INVALID_TRANSITION.
   */
  private async move(id: string, to: ReservationStatus, stock: string, already: ReservationStatus[]): Promise<ReservationView> {
    const rows = await this.shiftAtOnce(id, to, stock, false);
    if (!rows.length) throw notFound('Reservation');
    if (rows[0].id) return toView(rows);
    if (already.includes(rows[0].was)) return this.view(id);
    assertReservationTransition(rows[0].was, to);
    throw new Error(`reservation ${id} did not move from ${rows[0].was} to ${to}`);
  }

  /** Expires one reservation if it is still held and its time is up; returns whether it did. */
  async expire(id: string): Promise<'expired' | 'not-held' | 'not-yet'> {
    // A paid order's reservation is committed long before its delayed expiry fires, and nothing returns to
    // held: a plain read settles those without locking the row (a lock is a write, WAL included).
    const [now] = await this.uow.dataSource.query(`SELECT status FROM catalog.reservations WHERE id = $1`, [id]);
    if (now?.status !== 'held') return 'not-held';
    const [row] = await this.shiftAtOnce(id, 'expired', GIVE_BACK, true);
    if (row?.id) return 'expired';
    return row?.was === 'held' ? 'not-yet' : 'not-held';
  }

  /**
   * Moves a reservation to `to` and its stock (`stock` is the SET list for products p joined to lines l) in
   * one statement: the reservation is locked, then its products in id order (the order reserve() takes
   * them), and both move only if the reservation may become `to` (and, with `onlyIfDue`, its time is up).
   * One row per line, answering the reservation as it now is (`id` null when it did not move) and what it was.
   */
  private async shiftAtOnce(id: string, to: ReservationStatus, stock: string, onlyIfDue: boolean) {
    const rows = await this.uow.statement<ViewRow & { was: ReservationStatus }>(
      `WITH r AS (
         SELECT status, status = ANY($3::text[]) AND (NOT $4::boolean OR expires_at <= now()) AS may
           FROM catalog.reservations WHERE id = $1 FOR UPDATE),
       locked AS (
         SELECT p.id FROM catalog.products p JOIN catalog.reservation_lines l ON l.product_id = p.id
          WHERE l.reservation_id = $1 AND (SELECT may FROM r) ORDER BY p.id FOR UPDATE OF p),
       moved AS (
         UPDATE catalog.products p SET ${stock}, updated_at = now()
           FROM catalog.reservation_lines l, locked
          WHERE l.reservation_id = $1 AND p.id = l.product_id AND locked.id = p.id
         RETURNING p.id AS product_id, l.quantity, l.unit_price_fen, p.producer_id, p.title_zh, p.unit, p.perishable,
                   p.shelf_life_days, p.pre_sale, p.expected_ship_date::text),
       s AS (
         UPDATE catalog.reservations SET status = $2, updated_at = now() WHERE id = $1 AND (SELECT may FROM r)
         RETURNING id, idempotency_key, status, expires_at)
       SELECT r.status AS was, s.id, s.idempotency_key, s.status, s.expires_at, moved.*
         FROM r LEFT JOIN s ON true LEFT JOIN moved ON s.id IS NOT NULL ORDER BY moved.product_id`,
      [id, to, reservationSourcesOf(to), onlyIfDue],
    );
    // Stock came back on sale (a release, expiry or restock; a commit leaves what is available as it was).
    if (to !== 'committed' && rows[0]?.id) this.lookup.cache.forget(rows.map((r) => r.product_id as string));
    return rows;
  }

  /** Held reservations past their time, for the periodic sweep. */
  async overdue(limit = 500): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.uow.dataSource.query(
      `SELECT id FROM catalog.reservations WHERE status = 'held' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  private async findByKey(key: string): Promise<Header | null> {
    const rows: Header[] = await this.uow.dataSource.query(
      `SELECT id, idempotency_key, request_hash, status, expires_at FROM catalog.reservations WHERE idempotency_key = $1`,
      [key],
    );
    return rows[0] ?? null;
  }

  /** Explains why a product could not be reserved, as the error the caller gets. */
  private async whyNot(productId: string, quantity: number): Promise<AppError | null> {
    const rows: Array<{ status: string; producer_status: string; stock_available: number; min_order_qty: number; title_zh: string }> = await this.uow.dataSource.query(
      `SELECT p.status, pr.status AS producer_status, p.stock_available, p.min_order_qty, p.title_zh
         FROM catalog.products p JOIN catalog.producers pr ON pr.id = p.producer_id WHERE p.id = $1`,
      [productId],
    );
    const p = rows[0];
    if (p) this.lookup.cache.learnStock(productId, p.stock_available);
    if (!p || p.status !== 'active' || p.producer_status !== 'approved') {
      return new AppError('PRODUCT_UNAVAILABLE', 'A product in the order is no longer on sale', { productId });
    }
    if (quantity < p.min_order_qty) {
      return new AppError('PRODUCT_UNAVAILABLE', `${p.title_zh}: the minimum order is ${p.min_order_qty}`, { productId, minOrderQty: p.min_order_qty });
    }
    if (p.stock_available < quantity) {
      return new AppError('INSUFFICIENT_STOCK', `${p.title_zh}: only ${p.stock_available} left`, { productId, available: p.stock_available, requested: quantity });
    }
    return null;
  }

  private async view(id: string): Promise<ReservationView> {
    const rows = await queryRows<ViewRow>(
      this.uow.dataSource.manager,
      `SELECT r.id, r.idempotency_key, r.status, r.expires_at, l.product_id, l.quantity, l.unit_price_fen,
              p.producer_id, p.title_zh, p.unit, p.perishable, p.shelf_life_days, p.pre_sale, p.expected_ship_date::text
         FROM catalog.reservations r
         LEFT JOIN catalog.reservation_lines l ON l.reservation_id = r.id
         LEFT JOIN catalog.products p ON p.id = l.product_id
        WHERE r.id = $1
        ORDER BY l.product_id`,
      [id],
    );
    if (!rows.length) throw notFound('Reservation');
    return toView(rows);
  }
}

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser, requireRole } from '@app/auth';
import { Env } from '@app/config';
import type { ReservationLineView, ReservationStatus, ReservationView, ReserveStockRequest } from '@app/contracts';
import { queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { OutboxService } from '@app/queue';
import { assertReservationTransition } from './reservation-status';

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
  ) {}

  async reserve(caller: AuthUser, req: ReserveStockRequest): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    const items = normalizeItems(req.items);
    const hash = createHash('sha256').update(JSON.stringify(items)).digest('hex');
    const ttl = req.ttlSeconds ?? this.env.RESERVATION_TTL_SECONDS;
    const made = await this.uow.run(async (tx) => {
      const inserted: Array<{ id: string; expires_at: Date }> = await tx.query(
        `INSERT INTO catalog.reservations (idempotency_key, request_hash, requested_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, expires_at`,
        [req.idempotencyKey, hash, caller.id, ttl],
      );
      if (!inserted.length) return null; // the key was used before (or by a concurrent call that has committed)
      const [{ id, expires_at }] = inserted;
      // Everything else is written before the first product row is locked, so under contention (a flash
      // sale on one product) each transaction holds that lock only for its last statement and the commit.
      await this.outbox.publish(tx, 'catalog', 'catalog.reservation.expire', { reservationId: id }, { deliverAt: new Date(expires_at) });
      const lines: ReservationLineView[] = [];
      for (const item of items) {
        const moved = await queryRows<LineRow>(
          tx,
          `WITH moved AS (
             UPDATE catalog.products p
                SET stock_available = p.stock_available - $2, stock_reserved = p.stock_reserved + $2, updated_at = now()
               FROM catalog.producers pr
              WHERE p.id = $1 AND pr.id = p.producer_id AND p.status = 'active' AND pr.status = 'approved'
                AND p.stock_available >= $2 AND p.min_order_qty <= $2
             RETURNING ${LINE_COLUMNS}),
           line AS (
             INSERT INTO catalog.reservation_lines (reservation_id, product_id, quantity, unit_price_fen)
             SELECT $3, product_id, $2, price_fen FROM moved)
           SELECT * FROM moved`,
          [item.productId, item.quantity, id],
        );
        if (!moved.length) throw await this.whyNot(tx, item.productId, item.quantity);
        lines.push(toLine(moved[0], item.quantity));
      }
      const view: ReservationView = { id, idempotencyKey: req.idempotencyKey, status: 'held', expiresAt: new Date(expires_at).toISOString(), lines };
      return view;
    });
    if (made) return made;
    const existing = await this.findByKey(req.idempotencyKey);
    if (existing.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', 'This idempotency key was used for a different set of items', { reservationId: existing.id });
    }
    return this.view(existing.id);
  }

  async get(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    return this.view(id);
  }

  /** The order is paid: reserved stock becomes sold. Committing twice is harmless. */
  async commit(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    const moved = await this.uow.run(async (tx) => {
      const status = await this.lockWithProducts(tx, id);
      if (status === 'committed') return null;
      assertReservationTransition(status, 'committed');
      return this.shift(tx, id, 'stock_reserved = p.stock_reserved - l.quantity, stock_sold = p.stock_sold + l.quantity', 'committed');
    });
    return moved ?? this.view(id);
  }

  /** The order is cancelled before payment: the stock goes back on sale. Releasing twice is harmless. */
  async release(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    const moved = await this.uow.run(async (tx) => {
      const status = await this.lockWithProducts(tx, id);
      if (status === 'released' || status === 'expired') return null;
      assertReservationTransition(status, 'released');
      return this.shift(tx, id, GIVE_BACK, 'released');
    });
    return moved ?? this.view(id);
  }

  /** A paid order was cancelled before packing: its sold stock goes back on sale. Harmless twice. */
  async restock(caller: AuthUser, id: string): Promise<ReservationView> {
    requireRole(caller, 'service', 'admin');
    const moved = await this.uow.run(async (tx) => {
      const status = await this.lockWithProducts(tx, id);
      if (status === 'returned') return null;
      assertReservationTransition(status, 'returned');
      return this.shift(tx, id, 'stock_available = p.stock_available + l.quantity, stock_sold = p.stock_sold - l.quantity', 'returned');
    });
    return moved ?? this.view(id);
  }

  /** Expires one reservation if it is still held and its time is up; returns whether it did. */
  async expire(id: string): Promise<'expired' | 'not-held' | 'not-yet'> {
    return this.uow.run(async (tx) => {
      const rows: Array<Header & { due: boolean }> = await tx.query(
        `SELECT id, status, expires_at <= now() AS due FROM catalog.reservations WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows.length || rows[0].status !== 'held') return 'not-held';
      if (!rows[0].due) return 'not-yet';
      await this.giveBack(tx, id, 'expired');
      return 'expired';
    });
  }

  /** Held reservations past their time, for the periodic sweep. */
  async overdue(limit = 500): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.uow.dataSource.query(
      `SELECT id FROM catalog.reservations WHERE status = 'held' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  private async giveBack(tx: EntityManager, id: string, to: 'released' | 'expired') {
    await this.lockProducts(tx, id);
    await this.shift(tx, id, GIVE_BACK, to);
  }

  /**
   * Moves the stock of every line (`stock` is the SET list for products p joined to lines l) and the
   * reservation's status in one statement, which answers the reservation as it now is.
   */
  private async shift(tx: EntityManager, id: string, stock: string, to: ReservationStatus): Promise<ReservationView> {
    const rows = await queryRows<ViewRow>(
      tx,
      `WITH moved AS (
         UPDATE catalog.products p SET ${stock}, updated_at = now()
           FROM catalog.reservation_lines l WHERE l.reservation_id = $1 AND p.id = l.product_id
         RETURNING p.id AS product_id, l.quantity, l.unit_price_fen, p.producer_id, p.title_zh, p.unit, p.perishable,
                   p.shelf_life_days, p.pre_sale, p.expected_ship_date::text),
       r AS (UPDATE catalog.reservations SET status = $2, updated_at = now() WHERE id = $1 RETURNING id, idempotency_key, status, expires_at)
       SELECT r.id, r.idempotency_key, r.status, r.expires_at, moved.* FROM r LEFT JOIN moved ON true ORDER BY moved.product_id`,
      [id, to],
    );
    return toView(rows);
  }

  /**
   * Locks the reservation, then its products in id order (the order reserve() takes them), in one statement;
   * answers its status. A reservation without lines is only locked itself.
   */
  private async lockWithProducts(tx: EntityManager, id: string): Promise<ReservationStatus> {
    const rows: Array<{ status: ReservationStatus }> = await tx.query(
      `SELECT r.status FROM catalog.reservations r
         JOIN catalog.reservation_lines l ON l.reservation_id = r.id
         JOIN catalog.products p ON p.id = l.product_id
        WHERE r.id = $1 ORDER BY p.id FOR UPDATE OF r, p`,
      [id],
    );
    return rows.length ? rows[0].status : (await this.lockHeader(tx, id)).status;
  }

  /** Locks the reservation's products in id order, the same order reserve() takes them. */
  private async lockProducts(tx: EntityManager, id: string) {
    await tx.query(
      `SELECT p.id FROM catalog.products p JOIN catalog.reservation_lines l ON l.product_id = p.id
        WHERE l.reservation_id = $1 ORDER BY p.id FOR UPDATE OF p`,
      [id],
    );
  }

  private async lockHeader(tx: EntityManager, id: string): Promise<Header> {
    const rows: Header[] = await tx.query(`SELECT id, status FROM catalog.reservations WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw notFound('Reservation');
    return rows[0];
  }

  private async findByKey(key: string): Promise<Header> {
    const rows: Header[] = await this.uow.dataSource.query(
      `SELECT id, idempotency_key, request_hash, status, expires_at FROM catalog.reservations WHERE idempotency_key = $1`,
      [key],
    );
    // The conflicting insert committed before ours gave up, so the row is there.
    if (!rows.length) throw new Error(`reservation with key ${key} vanished`);
    return rows[0];
  }

  /** Explains why a product could not be reserved, as the error the caller gets. */
  private async whyNot(tx: EntityManager, productId: string, quantity: number): Promise<AppError> {
    const rows: Array<{ status: string; producer_status: string; stock_available: number; min_order_qty: number; title_zh: string }> = await tx.query(
      `SELECT p.status, pr.status AS producer_status, p.stock_available, p.min_order_qty, p.title_zh
         FROM catalog.products p JOIN catalog.producers pr ON pr.id = p.producer_id WHERE p.id = $1`,
      [productId],
    );
    const p = rows[0];
    if (!p || p.status !== 'active' || p.producer_status !== 'approved') {
      return new AppError('PRODUCT_UNAVAILABLE', 'A product in the order is no longer on sale', { productId });
    }
    if (quantity < p.min_order_qty) {
      return new AppError('PRODUCT_UNAVAILABLE', `${p.title_zh}: the minimum order is ${p.min_order_qty}`, { productId, minOrderQty: p.min_order_qty });
    }
    return new AppError('INSUFFICIENT_STOCK', `${p.title_zh}: only ${p.stock_available} left`, { productId, available: p.stock_available, requested: quantity });
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

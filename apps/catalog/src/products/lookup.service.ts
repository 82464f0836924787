import { Injectable } from '@nestjs/common';
import type { ProductLookupClient, ProductSummary } from '@app/contracts';
import { UnitOfWork } from '@app/database';

/**
 * Current price and saleability of products by id, in one statement: for carts and checkout. Lookups of
 * the same ids that arrive while one is running share its answer, read a moment before they arrived: a
 * flash sale's two thousand buyers then cost a few dozen reads of their one product, not two thousand. The
 * answer only ever advises (a cart's flags, checkout's early refusal); a reservation decides on stock.
 */
@Injectable()
export class ProductLookupService implements ProductLookupClient {
  private readonly running = new Map<string, Promise<ProductSummary[]>>();

  constructor(private readonly uow: UnitOfWork) {}

  async lookup(ids: string[]): Promise<ProductSummary[]> {
    if (!ids.length) return [];
    const key = ids.join(',');
    let shared = this.running.get(key);
    if (!shared) {
      shared = this.read(ids).finally(() => this.running.delete(key));
      this.running.set(key, shared);
    }
    // Each caller gets its own objects, so none can change what another sees.
    return (await shared).map((p) => ({ ...p }));
  }

  private async read(ids: string[]): Promise<ProductSummary[]> {
    const rows: Array<Record<string, unknown>> = await this.uow.statement(
      `SELECT p.id, p.producer_id, p.title_zh, p.unit, p.price_fen, p.min_order_qty, p.stock_available,
              (p.status = 'active' AND pr.status = 'approved') AS on_sale, p.perishable, p.shelf_life_days,
              p.pre_sale, p.expected_ship_date::text, p.photos -> 0 ->> 'small' AS photo
         FROM catalog.products p JOIN catalog.producers pr ON pr.id = p.producer_id
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id as string,
      producerId: r.producer_id as string,
      titleZh: r.title_zh as string,
      unit: r.unit as ProductSummary['unit'],
      priceFen: r.price_fen as number,
      minOrderQty: r.min_order_qty as number,
      stockAvailable: r.stock_available as number,
      onSale: r.on_sale as boolean,
      perishable: r.perishable as boolean,
      shelfLifeDays: (r.shelf_life_days as number | null) ?? null,
      preSale: r.pre_sale as boolean,
      expectedShipDate: (r.expected_ship_date as string | null) ?? null,
      photo: (r.photo as string | null) ?? null,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import type { ProductLookupClient, ProductSummary } from '@app/contracts';
import { Env } from '@app/config';
import { UnitOfWork } from '@app/database';
import { LookupCache } from './lookup-cache';

/**
 * Current price and saleability of products by id: for carts and checkout. The answer only ever advises (a
 * cart's flags and prices on screen, checkout's early refusal); the reservation, one statement on the
 * products themselves, decides on stock, price and whether a product is on sale.
 *
 * So answers may come from this process's memory for CATALOG_LOOKUP_CACHE_MS (lookup-cache.ts), and the
 * catalog's own writes correct it as they commit. Reads of the same ids that arrive while one is running
 * share it: a flash sale's two thousand buyers then cost a few reads of their one product, not two thousand.
 */
@Injectable()
export class ProductLookupService implements ProductLookupClient {
  private readonly running = new Map<string, Promise<ProductSummary[]>>();
  readonly cache: LookupCache;

  constructor(
    private readonly uow: UnitOfWork,
    env: Env,
  ) {
    this.cache = new LookupCache(env.CATALOG_LOOKUP_CACHE_MS);
  }

  async lookup(ids: string[]): Promise<ProductSummary[]> {
    ids = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (!ids.length) return [];
    const { found, missing } = this.cache.take(ids);
    const read = missing.length ? await this.shared(missing) : [];
    // Each caller gets its own objects, so none can change what another (or the cache) holds.
    return [...found, ...read].map((p) => ({ ...p }));
  }

  private shared(ids: string[]): Promise<ProductSummary[]> {
    const key = ids.join(',');
    let running = this.running.get(key);
    if (!running) {
      const ticket = this.cache.begin();
      running = this.read(ids)
        .then((products) => {
          this.cache.keep(ticket, products);
          return products;
        })
        .finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
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

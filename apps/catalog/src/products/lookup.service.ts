import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProductLookupClient, ProductSummary } from '@app/contracts';

/** Current price and saleability of products by id, in one statement: for carts and checkout. */
@Injectable()
export class ProductLookupService implements ProductLookupClient {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lookup(ids: string[]): Promise<ProductSummary[]> {
    if (!ids.length) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
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

import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, requireRole } from '@app/auth';
import { PRODUCT_LOOKUP_CLIENT, ProductLookupClient, ProductSummary } from '@app/contracts';
import { AppError } from '@app/errors';
import { lineTotal, sumFen } from '@app/money';
import { UnitOfWork } from '@app/database';

export const MAX_CART_LINES = 50;

interface CartLineRow {
  product_id: string;
  quantity: number;
}

export type LineProblem = 'not_on_sale' | 'insufficient_stock' | 'below_minimum';

export function lineProblem(p: ProductSummary | undefined, quantity: number): LineProblem | null {
  if (!p || !p.onSale) return 'not_on_sale';
  if (quantity < p.minOrderQty) return 'below_minimum';
  if (quantity > p.stockAvailable) return 'insufficient_stock';
  return null;
}

/** A buyer's cart: lines are product and quantity; prices always come fresh from the catalog. */
@Injectable()
export class CartService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(PRODUCT_LOOKUP_CLIENT) private readonly catalog: ProductLookupClient,
  ) {}

  async view(caller: AuthUser) {
    requireRole(caller, 'buyer');
    const lines: CartLineRow[] = await this.uow.statement(
      `SELECT product_id, quantity FROM ordering.cart_lines WHERE buyer_id = $1 ORDER BY added_at`,
      [caller.id],
    );
    return this.describe(lines, await this.catalog.lookup(lines.map((l) => l.product_id)));
  }

  private describe(lines: CartLineRow[], found: ProductSummary[]) {
    const products = new Map(found.map((p) => [p.id, p]));
    const items = lines.map((l) => {
      const p = products.get(l.product_id);
      const problem = lineProblem(p, l.quantity);
      return {
        productId: l.product_id,
        quantity: l.quantity,
        titleZh: p?.titleZh ?? null,
        unit: p?.unit ?? null,
        photo: p?.photo ?? null,
        producerId: p?.producerId ?? null,
        unitPriceFen: p?.priceFen ?? null,
        lineTotalFen: p ? lineTotal(p.priceFen, l.quantity) : null,
        stockAvailable: p?.stockAvailable ?? 0,
        minOrderQty: p?.minOrderQty ?? null,
        available: problem === null,
        problem,
      };
    });
    return {
      lines: items,
      itemsFen: sumFen(items.filter((i) => i.available).map((i) => i.lineTotalFen ?? 0)),
      hasProblems: items.some((i) => !i.available),
    };
  }

  async setLine(caller: AuthUser, productId: string, quantity: number) {
    requireRole(caller, 'buyer');
    const [product] = await this.catalog.lookup([productId]);
    if (!product || !product.onSale) throw new AppError('PRODUCT_UNAVAILABLE', 'This product is not on sale', { productId });
    // The upsert answers the whole cart as it leaves it (the other lines from the statement's snapshot, this
    // line from RETURNING), so the view needs no second read of the cart, nor of the product just looked up.
    const rows: Array<CartLineRow & { upserted: boolean }> = await this.uow.statement(
      `WITH upsert AS (
         INSERT INTO ordering.cart_lines (buyer_id, product_id, quantity)
         SELECT $1, $2, $3
          WHERE EXISTS (SELECT 1 FROM ordering.cart_lines WHERE buyer_id = $1 AND product_id = $2)
             OR (SELECT count(*) FROM ordering.cart_lines WHERE buyer_id = $1) < $4
         ON CONFLICT (buyer_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
         RETURNING product_id, quantity, added_at)
       SELECT product_id, quantity, added_at, true AS upserted FROM upsert
       UNION ALL
       SELECT product_id, quantity, added_at, false FROM ordering.cart_lines WHERE buyer_id = $1 AND product_id <> $2
       ORDER BY added_at`,
      [caller.id, productId, quantity, MAX_CART_LINES],
    );
    if (!rows.some((r) => r.upserted)) throw new AppError('CONFLICT', `A cart holds at most ${MAX_CART_LINES} products`);
    const others = rows.filter((r) => r.product_id !== product.id).map((r) => r.product_id);
    return this.describe(rows, others.length ? [product, ...(await this.catalog.lookup(others))] : [product]);
  }

  async removeLine(caller: AuthUser, productId: string) {
    requireRole(caller, 'buyer');
    await this.uow.statement(`DELETE FROM ordering.cart_lines WHERE buyer_id = $1 AND product_id = $2`, [caller.id, productId]);
    return this.view(caller);
  }

  async clear(caller: AuthUser) {
    requireRole(caller, 'buyer');
    await this.uow.statement(`DELETE FROM ordering.cart_lines WHERE buyer_id = $1`, [caller.id]);
    return this.view(caller);
  }
}

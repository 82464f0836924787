import type { ProductLookupClient, ProductSummary, ReservationView, ReserveStockRequest, StockClient } from './catalog';
import { callService } from './http-call';

/** The catalog's StockClient and ProductLookupClient for a service in another process. */
export class HttpStockClient implements StockClient, ProductLookupClient {
  constructor(
    private readonly catalogUrl: string,
    private readonly token: () => string,
  ) {}

  reserve(req: ReserveStockRequest): Promise<ReservationView> {
    return callService(this.catalogUrl, this.token, 'POST', '/api/catalog/reservations', req);
  }
  commit(id: string): Promise<ReservationView> {
    return callService(this.catalogUrl, this.token, 'POST', `/api/catalog/reservations/${encodeURIComponent(id)}/commit`);
  }
  release(id: string): Promise<ReservationView> {
    return callService(this.catalogUrl, this.token, 'POST', `/api/catalog/reservations/${encodeURIComponent(id)}/release`);
  }
  restock(id: string): Promise<ReservationView> {
    return callService(this.catalogUrl, this.token, 'POST', `/api/catalog/reservations/${encodeURIComponent(id)}/restock`);
  }
  async lookup(ids: string[]): Promise<ProductSummary[]> {
    if (!ids.length) return [];
    const res = await callService<{ items: ProductSummary[] }>(this.catalogUrl, this.token, 'POST', '/api/catalog/products/lookup', { ids });
    return res.items;
  }
}

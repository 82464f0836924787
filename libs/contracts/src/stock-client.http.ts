import { AppError, ErrorCode } from '@app/errors';
import type { ReservationView, ReserveStockRequest, StockClient } from './catalog';

/**
 * The StockClient for a service in another process: the catalog's reservation API over HTTP, with a
 * service token. The catalog's error codes come back as the same AppError, so callers cannot tell the
 * adapters apart.
 */
export class HttpStockClient implements StockClient {
  constructor(
    private readonly catalogUrl: string,
    private readonly token: () => string,
    private readonly timeoutMs = 5000,
  ) {}

  reserve(req: ReserveStockRequest): Promise<ReservationView> {
    return this.call('POST', '/api/catalog/reservations', req);
  }
  commit(id: string): Promise<ReservationView> {
    return this.call('POST', `/api/catalog/reservations/${encodeURIComponent(id)}/commit`);
  }
  release(id: string): Promise<ReservationView> {
    return this.call('POST', `/api/catalog/reservations/${encodeURIComponent(id)}/release`);
  }

  private async call(method: string, path: string, body?: unknown): Promise<ReservationView> {
    let res: Response;
    try {
      res = await fetch(`${this.catalogUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token()}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `The catalog did not answer: ${(err as Error).message}`);
    }
    const payload = (await res.json().catch(() => ({}))) as { code?: ErrorCode; message?: string; details?: Record<string, unknown> };
    if (res.ok) return payload as unknown as ReservationView;
    if (res.status >= 500 || !payload.code) throw new AppError('SERVICE_UNAVAILABLE', `The catalog failed with ${res.status}`);
    throw new AppError(payload.code, payload.message ?? 'Catalog error', payload.details);
  }
}

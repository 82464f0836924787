import { callService, nullIfNotFound } from './http-call';
import { uniqueIds } from './ids-and-days';
import { PickupClient, PickupPointPlace, PLACES_PER_REQUEST, PickupPointSummary, SlotHoldView, toPickupPointSummary } from './pickup';

/**
 * The PickupClient for a service in another process: the pickup-point service's API over HTTP, with a
 * service token. Its error codes come back as the same AppError the in-process adapter throws, and its
 * answers are the same values, so callers cannot tell the adapters apart.
 */
export class HttpPickupClient implements PickupClient {
  constructor(
    private readonly pickupUrl: string,
    private readonly token: () => string,
  ) {}

  async point(pointId: string): Promise<PickupPointSummary | null> {
    const p = await this.fetchPoint<PickupPointSummary>(pointId);
    return p && toPickupPointSummary(p);
  }

  hold(req: { orderId: string; pointId: string; day: string }): Promise<SlotHoldView> {
    return callService(this.pickupUrl, this.token, 'POST', '/api/pickup-points/holds', req);
  }

  async release(orderId: string): Promise<SlotHoldView | null> {
    // An order that never held a slot answers 200 with no hold (an empty or null body).
    const res = await callService<Partial<SlotHoldView> | null>(
      this.pickupUrl, this.token, 'POST', `/api/pickup-points/holds/${encodeURIComponent(orderId)}/release`,
    );
    return res?.orderId ? (res as SlotHoldView) : null;
  }

  async places(ids: string[]): Promise<PickupPointPlace[]> {
    // Like the in-process adapter, an id that cannot name a point is left out rather than refused.
    const wanted = uniqueIds(ids);
    const found: PickupPointPlace[] = [];
    for (let i = 0; i < wanted.length; i += PLACES_PER_REQUEST) {
      const res = await callService<{ items: PickupPointPlace[] }>(this.pickupUrl, this.token, 'POST', '/api/pickup-points/places', {
        ids: wanted.slice(i, i + PLACES_PER_REQUEST),
      });
      found.push(...res.items);
    }
    return found.map((p) => ({ ...toPickupPointSummary(p), lat: Number(p.lat), lng: Number(p.lng) }));
  }

  private fetchPoint<T>(pointId: string): Promise<T | null> {
    return nullIfNotFound(callService<T>(this.pickupUrl, this.token, 'GET', `/api/pickup-points/${encodeURIComponent(pointId)}`));
  }
}

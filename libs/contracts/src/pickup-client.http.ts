import { callService, nullIfNotFound } from './http-call';
import { PickupClient, PickupPointPlace, PickupPointSummary, SlotHoldView, toPickupPointSummary } from './pickup';

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
    // A service token sees a point in any state, coordinates included; runs plan over a few dozen points.
    const found = await Promise.all([...new Set(ids)].map((id) => this.fetchPoint<PickupPointPlace>(id)));
    return found.filter((p): p is PickupPointPlace => p !== null).map((p) => ({ ...toPickupPointSummary(p), lat: Number(p.lat), lng: Number(p.lng) }));
  }

  private fetchPoint<T>(pointId: string): Promise<T | null> {
    return nullIfNotFound(callService<T>(this.pickupUrl, this.token, 'GET', `/api/pickup-points/${encodeURIComponent(pointId)}`));
  }
}

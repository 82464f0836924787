import { randomUUID } from 'node:crypto';
import { newParcelCode, todayInChina } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { JobName, JobPayloads, OutboxService, ParcelManifest } from '@app/queue';
import { Account, eventually, Factory, TestApp } from '@app/testing';
import { PickupFactory, uniqueTownship } from './helpers';

/** Only identity and pickup-point: the order and logistics consumers stay out of these suites. */
export const OPERATIONS_SERVICES = { SERVICES: 'identity,pickup-point' };

export const parcelCode = newParcelCode;

export interface OrderSpec {
  orderId?: string;
  buyer: Account;
  paymentMethod?: 'online' | 'pay_at_pickup';
  parcels: Array<{ goodsFen: number; perishable?: boolean; producerId?: string }>;
}

/** Publishes and waits for events and jobs through the real outbox, relay, queue and worker. */
export class Operations {
  readonly p: PickupFactory;

  constructor(
    readonly t: TestApp,
    readonly f: Factory,
  ) {
    this.p = new PickupFactory(t, f);
  }

  /** A job into the pickup outbox: the relay sends it to every queue routed for its name. */
  publish<K extends JobName>(name: K, payload: JobPayloads[K]) {
    return this.t.app.get(UnitOfWork).run((tx) => this.t.app.get(OutboxService).publish(tx, 'pickup', name, payload));
  }

  /** An active point with one bound staff account. */
  async pointWithStaff(overrides: Record<string, unknown> = {}) {
    const point = await this.p.point({ township: uniqueTownship(), ...overrides });
    const staff = await this.p.staff(point.id);
    return { point, staff };
  }

  manifests(orders: OrderSpec[]): ParcelManifest[] {
    return orders.flatMap((o) => {
      o.orderId ??= randomUUID();
      return o.parcels.map((p, i) => ({
        parcelId: randomUUID(),
        parcelCode: parcelCode(),
        orderId: o.orderId!,
        buyerId: o.buyer.id,
        producerId: p.producerId ?? randomUUID(),
        producerName: `合作社${i + 1}`,
        perishable: p.perishable ?? false,
        paymentMethod: o.paymentMethod ?? 'online',
        goodsFen: p.goodsFen,
        items: [{ titleZh: '昭通苹果', unit: 'jin', quantity: 10, packedGrams: 4900 }],
      }));
    });
  }

  /** logistics.shipment.dispatched for these orders, waited for until the point expects every parcel. */
  async dispatch(pointId: string, orders: OrderSpec[], shipmentId = randomUUID()) {
    const parcels = this.manifests(orders);
    await this.publish('logistics.shipment.dispatched', { shipmentId, runId: randomUUID(), pickupPointId: pointId, pickupDay: todayInChina(), parcels });
    await eventually(
      async () => (await this.t.db.query(`SELECT count(*)::int AS n FROM pickup.parcels WHERE shipment_id = $1`, [shipmentId]))[0].n === parcels.length,
      'the dispatched parcels to be expected',
    );
    return { shipmentId, parcels };
  }

  receive(pointId: string, code: string, staff: Account) {
    return this.t.api.post(`/api/pickup-points/${pointId}/receive`, { parcelCode: code }, staff.token);
  }

  /** Dispatches orders and receives all their parcels: each collection is waiting, its buyer has a code. */
  async ready(pointId: string, staff: Account, orders: OrderSpec[]) {
    const shipment = await this.dispatch(pointId, orders);
    const res = await this.t.api.post(`/api/pickup-points/${pointId}/shipments/${shipment.shipmentId}/check-in`, {}, staff.token);
    if (res.status !== 200) throw new Error(`check-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return shipment;
  }

  async collectionOf(orderId: string) {
    const [c] = await this.t.db.query(`SELECT * FROM pickup.collections WHERE order_id = $1 ORDER BY created_at DESC LIMIT 1`, [orderId]);
    return c;
  }

  /** The buyer's latest pickup code, read as the buyer reads it: from their notifications. */
  async codeFor(buyer: Account, orderId: string): Promise<string> {
    const res = await this.t.api.get('/api/notifications?limit=100', buyer.token);
    const n = res.body.items.find((i: { kind: string; orderId: string; data: { code?: string } }) => i.kind === 'pickup_code' && i.orderId === orderId && i.data.code);
    if (!n) throw new Error(`no pickup code for ${orderId}: ${JSON.stringify(res.body)}`);
    return n.data.code;
  }

  async events<K extends JobName>(name: K, filter: Partial<Record<string, unknown>> = {}): Promise<Array<JobPayloads[K]>> {
    const rows: Array<{ payload: JobPayloads[K] }> = await this.t.db.query(`SELECT payload FROM pickup.outbox WHERE type = $1 AND payload @> $2::jsonb ORDER BY id`, [
      name,
      JSON.stringify(filter),
    ]);
    return rows.map((r) => r.payload);
  }

  /** The ready news for an order: its entry in the batch that announced it, with the batch's point and time. */
  async readyFor(orderId: string) {
    const batches = await this.events('pickup.collections.ready', { collections: [{ orderId }] });
    return batches.flatMap((b) => b.collections.filter((c) => c.orderId === orderId).map((c) => ({ ...c, pointId: b.pointId, at: b.at })));
  }

  handover(pointId: string, collectionId: string, body: Record<string, unknown>, staff: Account) {
    return this.t.api.post(`/api/pickup-points/${pointId}/collections/${collectionId}/handover`, body, staff.token);
  }
}

/** A 6-digit code that is not `code`. */
export const wrongCode = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, '0');

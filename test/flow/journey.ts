import { randomUUID } from 'node:crypto';
import { Account, eventually, Factory, ProducerAccount, StripeStandIn, TestApp } from '@app/testing';
import { firstPickupDay, sendWebhook } from '../ordering/helpers';
import { PickupFactory } from '../pickup/helpers';

/**
 * The whole flow through the public API, as each person does it: a farmer lists, a buyer orders and
 * pays, the farmer packs, an admin runs the collection, staff receive and hand over with the buyer's
 * code. `t.api` may be one process or a gateway in front of separate services.
 */
export class Journey {
  readonly f: Factory;
  readonly p: PickupFactory;
  readonly day: string;

  constructor(
    readonly t: TestApp,
    readonly stripe: StripeStandIn | null,
  ) {
    this.f = new Factory(t);
    this.p = new PickupFactory(t, this.f);
    this.day = firstPickupDay(t);
  }

  get api() {
    return this.t.api;
  }

  async point(county = 'zhaoyang') {
    const point = await this.p.point({ county, township: `凤凰街道${randomUUID().slice(0, 6)}` });
    const staff = await this.p.staff(point.id);
    return { id: point.id as string, staff };
  }

  /** Who a case needs in one county: an approved farmer, the admin, a point with its staff, and a buyer. */
  async people(county: string, farm: { township: string; name: string }) {
    const farmer = await this.f.producer({ county, ...farm });
    const admin = await this.f.admin();
    const point = await this.point(county);
    const buyer = await this.f.buyer();
    return { farmer, admin, point, buyer };
  }

  async order(buyer: Account, pointId: string, items: Array<{ productId: string; quantity: number }>, paymentMethod: 'online' | 'pay_at_pickup') {
    for (const i of items) expect((await this.api.put(`/api/cart/lines/${i.productId}`, { quantity: i.quantity }, buyer.token)).status).toBe(200);
    const placed = await this.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: pointId, pickupDay: this.day, paymentMethod },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(placed.status).toBe(201);
    if (paymentMethod === 'online') {
      const intent = (placed.body.payment.clientSecret as string).split('_secret_')[0];
      const paid = await sendWebhook(this.t, this.stripe!.signedEvent('payment_intent.succeeded', this.stripe!.succeeded(intent)));
      expect(paid.body.outcome).toBe('paid');
    }
    return placed.body.id as string;
  }

  async waitForRefund(orderId: string, buyer: Account, fen: number) {
    await eventually(async () => (await this.orderView(orderId, buyer)).refundedFen === fen, `${fen} fen refunded`, 30_000);
  }

  /** What the scheduler does every few minutes, asked for now through the pickup service's outbox. */
  async sweepCollections() {
    await this.t.db.query(`INSERT INTO pickup.outbox (type, payload) VALUES ('pickup.collections.sweep', '{}')`);
  }

  async orderView(orderId: string, buyer: Account) {
    return (await this.api.get(`/api/orders/${orderId}`, buyer.token)).body;
  }

  async waitForStatus(orderId: string, buyer: Account, status: string) {
    await eventually(async () => (await this.orderView(orderId, buyer)).status === status, `order ${status}`, 30_000);
  }

  /** The farmer's task for the order, once logistics has made it from the paid/confirmed event. */
  async task(farmer: ProducerAccount, orderId: string) {
    return eventually(async () => {
      const res = await this.api.get(`/api/logistics/pack-tasks?day=${this.day}`, farmer.token);
      expect(res.status).toBe(200);
      return res.body.items.find((t: { orderId: string }) => t.orderId === orderId);
    }, 'the pack task', 30_000);
  }

  async pack(farmer: ProducerAccount, taskId: string, lines: Array<{ productId: string; packedGrams?: number; short?: boolean }>) {
    const res = await this.api.post(`/api/logistics/pack-tasks/${taskId}/pack`, { lines }, farmer.token);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** An admin plans the day and drives the run of the point's county to the point. */
  async collectAndDeliver(admin: Account, pointId: string) {
    const planned = await this.api.post('/api/logistics/runs/plan', { day: this.day }, admin.token);
    expect(planned.status).toBe(200);
    const runs = (await this.api.get(`/api/logistics/runs?day=${this.day}`, admin.token)).body;
    const list = Array.isArray(runs) ? runs : runs.items;
    for (const run of list.filter((r: { status: string }) => r.status === 'planned')) {
      const detail = (await this.api.get(`/api/logistics/runs/${run.id}`, admin.token)).body;
      if (!JSON.stringify(detail).includes(pointId)) continue;
      for (const step of ['collect', 'hub', 'deliver']) {
        const res = await this.api.post(`/api/logistics/runs/${run.id}/${step}`, {}, admin.token);
        expect([200, 201]).toContain(res.status);
      }
      return run.id as string;
    }
    throw new Error(`no planned run reaches point ${pointId}`);
  }

  /** Staff see the parcel expected, then scan it in. */
  async receive(staff: Account, pointId: string, parcelCode: string) {
    await eventually(async () => {
      const res = await this.api.get(`/api/pickup-points/${pointId}/parcels?status=expected`, staff.token);
      return res.body.items?.some((p: { code: string }) => p.code === parcelCode);
    }, 'the parcel expected at the point', 30_000);
    const res = await this.api.post(`/api/pickup-points/${pointId}/receive`, { parcelCode }, staff.token);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** The code as the buyer reads it in the app. */
  async pickupCode(buyer: Account, orderId: string): Promise<string> {
    return eventually(async () => {
      const res = await this.api.get('/api/notifications', buyer.token);
      const n = res.body.items?.find((i: { kind: string; orderId: string; data: { code?: string } }) => i.orderId === orderId && i.data?.code);
      return n?.data.code as string | undefined;
    }, 'the pickup code notification', 30_000);
  }

  async handOver(staff: Account, pointId: string, parcelCode: string, code: string, settlement?: string) {
    const found = await this.api.get(`/api/pickup-points/${pointId}/parcels/by-code/${parcelCode}`, staff.token);
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).not.toContain(code);
    const collectionId = found.body.collection?.id ?? found.body.collectionId;
    const res = await this.api.post(`/api/pickup-points/${pointId}/collections/${collectionId}/handover`, { code, ...(settlement ? { settlement } : {}) }, staff.token);
    expect(res.status).toBe(200);
    return { collectionId, found: found.body, result: res.body };
  }
}

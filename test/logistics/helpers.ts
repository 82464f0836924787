import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@app/database';
import { JobName, JobPayloads, OutboxService } from '@app/queue';
import { Account, eventually, TestApp } from '@app/testing';

/** A pay-at-pickup order (confirmed at once, so logistics hears of it straight away); returns its id. */
export async function placeOrder(t: TestApp, buyer: Account, pointId: string, day: string, items: Array<{ productId: string; quantity: number }>): Promise<string> {
  const res = await t.api.request('POST', '/api/orders', {
    token: buyer.token,
    body: { pickupPointId: pointId, pickupDay: day, paymentMethod: 'pay_at_pickup', items },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (res.status !== 201) throw new Error(`order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The farmer's pack task for an order, once the confirmed event has been consumed. */
export function taskFor(t: TestApp, farmer: Account, orderId: string) {
  return eventually(async () => {
    const res = await t.api.get('/api/logistics/pack-tasks', farmer.token);
    return res.body.items?.find((i: { orderId: string }) => i.orderId === orderId);
  }, `the pack task of order ${orderId}`);
}

/** Writes an event into a service's outbox, so the real relay, queue and worker deliver it. */
export function emit<K extends JobName>(t: TestApp, schema: 'ordering' | 'pickup', name: K, payload: JobPayloads[K]) {
  return t.app.get(UnitOfWork).run((tx) => t.app.get(OutboxService).publish(tx, schema, name, payload));
}

export async function outboxRows(t: TestApp, type: string, where = 'true', params: unknown[] = []): Promise<Array<Record<string, any>>> {
  const rows = await t.db.query(`SELECT payload FROM logistics.outbox WHERE type = $1 AND (${where}) ORDER BY id`, [type, ...params]);
  return rows.map((r: { payload: Record<string, any> }) => r.payload);
}

export const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { UnitOfWork } from '@app/database';
import { JobName, JobPayloads, OutboxService } from '@app/queue';
import { eventually, Factory, ProducerAccount, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { FulfilmentConsumer } from '../../apps/order/src/fulfilment/fulfilment.consumer';
import { firstPickupDay, sendWebhook, stripeEnv } from './helpers';

/**
 * The order service's side of fulfilment, fed with the events logistics and the pickup point send
 * (published here into their outboxes, so the real relay, queue and worker deliver them).
 */
describe('ordering: fulfilment news moves the order and gives back what was not delivered', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let other: ProducerAccount;
  let pointId: string;
  let day: string;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe, { RETURN_REFUND_PCT: '100' }));
    f = new Factory(t);
    farmer = await f.producer({ county: 'zhaoyang', township: '洒渔镇' });
    other = await f.producer({ county: 'yiliang', township: '小草坝镇' });
    pointId = (await f.pickupPoint()).id;
    day = firstPickupDay(t);
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const emit = <K extends JobName>(schema: 'logistics' | 'pickup', name: K, payload: JobPayloads[K]) =>
    t.app.get(UnitOfWork).run((tx) => t.app.get(OutboxService).publish(tx, schema, name, payload));
  const now = () => new Date().toISOString();
  const view = async (id: string, token: string) => (await t.api.get(`/api/orders/${id}`, token)).body;

  async function place(token: string, items: Array<{ productId: string; quantity: number }>, paymentMethod: 'online' | 'pay_at_pickup') {
    const res = await t.api.request('POST', '/api/orders', {
      token,
      body: { pickupPointId: pointId, pickupDay: day, paymentMethod, items },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    if (paymentMethod === 'online') {
      const [{ provider_ref }] = await t.db.query(`SELECT provider_ref FROM ordering.payments WHERE order_id = $1`, [res.body.id]);
      expect((await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(provider_ref)))).status).toBe(200);
    }
    return res.body.id as string;
  }

  it('catch weight and a short line: in fulfilment, the difference refunded, status kept; then ready and picked up', async () => {
    const apples = await f.product(farmer, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680 }, { stock: 100 });
    const walnuts = await f.product(farmer, { titleZh: '核桃', unit: 'piece', priceFen: 1500 }, { stock: 100 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: apples.id, quantity: 10 }, { productId: walnuts.id, quantity: 2 }], 'online');
    expect((await view(id, buyer.token)).status).toBe('paid');

    const parcelId = randomUUID();
    // 10 斤 ordered = 5,000 g; 4,800 g packed: 6,800 × 0.96 = 6,528 fen. The walnuts are short.
    await emit('logistics', 'logistics.task.packed', {
      taskId: randomUUID(),
      orderId: id,
      producerId: farmer.producerId,
      parcelId,
      parcelCode: 'ZT0000000001',
      at: now(),
      lines: [
        { productId: apples.id, quantity: 10, packedGrams: 4800, short: false, finalFen: 6528 },
        { productId: walnuts.id, quantity: 2, packedGrams: null, short: true, finalFen: 0 },
      ],
    });
    const refundedFen = 6800 - 6528 + 3000;
    await eventually(async () => (await view(id, buyer.token)).refundedFen === refundedFen, 'the line refunds');
    const packed = await view(id, buyer.token);
    expect(packed.status).toBe('in_fulfilment');
    expect(packed.goodsFen).toBe(6528);
    expect(packed.producers[0].parcel).toEqual({ code: 'ZT0000000001', status: 'packed' });
    expect(packed.producers[0].lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: apples.id, outcome: 'packed', packedGrams: 4800, finalFen: 6528 }),
        expect.objectContaining({ productId: walnuts.id, outcome: 'short', finalFen: 0 }),
      ]),
    );
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds' && r.body.amount === String(refundedFen))).toHaveLength(1);

    await emit('logistics', 'logistics.parcels.tracked', { kind: 'collected', at: now(), parcels: [{ orderId: id, parcelId, producerId: farmer.producerId }] });
    await emit('pickup', 'pickup.parcels.received', { pointId, at: now(), parcels: [{ parcelId, orderId: id, producerId: farmer.producerId, shipmentId: randomUUID() }] });
    await emit('pickup', 'pickup.collections.ready', { pointId, at: now(), collections: [{ collectionId: randomUUID(), orderId: id, deadline: now() }] });
    await eventually(async () => (await view(id, buyer.token)).status === 'ready_for_pickup', 'ready for pickup');
    await emit('pickup', 'pickup.collection.handed_over', { collectionId: randomUUID(), orderId: id, pointId, paidAtPickupFen: 0, settlement: 'online', at: now() });
    await eventually(async () => (await view(id, buyer.token)).status === 'picked_up', 'picked up');
    const done = await view(id, buyer.token);
    expect(done.tracking.map((e: { kind: string }) => e.kind)).toEqual(['packed', 'collected', 'received', 'ready', 'handed_over']);
    expect(done.refundedFen).toBe(refundedFen);
    expect(done.producers[0].parcel.status).toBe('handed_over');
  });

  it('a redelivered job changes nothing twice', async () => {
    const beans = await f.product(farmer, { titleZh: '大白豆', unit: 'kg', priceFen: 1200 }, { stock: 100 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: beans.id, quantity: 2 }], 'online');
    const consumer = t.app.get(FulfilmentConsumer);
    const job = { id: `logistics-redelivered-${randomUUID()}`, name: 'logistics.task.packed' } as Job;
    const data: JobPayloads['logistics.task.packed'] = {
      taskId: randomUUID(),
      orderId: id,
      producerId: farmer.producerId,
      parcelId: randomUUID(),
      parcelCode: 'ZT0000000002',
      at: now(),
      lines: [{ productId: beans.id, quantity: 2, packedGrams: 1900, short: false, finalFen: 2280 }],
    };
    expect(await consumer.packed(data, job)).toBe('applied');
    expect(await consumer.packed(data, job)).toBe('duplicate');
    await eventually(async () => (await view(id, buyer.token)).refundedFen === 120, 'the catch-weight refund');
    const refunds = await t.db.query(`SELECT amount_fen FROM ordering.refunds WHERE order_id = $1`, [id]);
    expect(refunds).toEqual([{ amount_fen: 120 }]);
    const history = await t.db.query(`SELECT to_status FROM ordering.order_events WHERE order_id = $1 AND to_status = 'in_fulfilment'`, [id]);
    expect(history).toHaveLength(1);
  });

  it('a missing parcel refunds just that producer’s lines', async () => {
    const apples = await f.product(farmer, { titleZh: '丑苹果', unit: 'box', priceFen: 5000 }, { stock: 10 });
    const gastrodia = await f.product(other, { titleZh: '小草坝天麻', unit: 'box', priceFen: 12000 }, { stock: 10 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: apples.id, quantity: 1 }, { productId: gastrodia.id, quantity: 1 }], 'online');
    const parcelA = randomUUID();
    const parcelB = randomUUID();
    for (const [producer, parcel, product, fen] of [[farmer, parcelA, apples.id, 5000], [other, parcelB, gastrodia.id, 12000]] as const) {
      await emit('logistics', 'logistics.task.packed', {
        taskId: randomUUID(), orderId: id, producerId: producer.producerId, parcelId: parcel, parcelCode: `ZT${parcel.slice(0, 10)}`, at: now(),
        lines: [{ productId: product, quantity: 1, packedGrams: null, short: false, finalFen: fen }],
      });
    }
    await emit('pickup', 'pickup.parcels.received', { pointId, at: now(), parcels: [{ parcelId: parcelA, orderId: id, producerId: farmer.producerId, shipmentId: randomUUID() }] });
    await emit('pickup', 'pickup.parcel.problem', { parcelId: parcelB, orderId: id, producerId: other.producerId, pointId, kind: 'missing', note: '未到货', at: now() });
    await eventually(async () => (await view(id, buyer.token)).refundedFen === 12000, 'the missing parcel refund');
    const v = await view(id, buyer.token);
    expect(v.status).toBe('in_fulfilment');
    expect(v.goodsFen).toBe(5000);
    const gone = v.producers.find((p: { producerId: string }) => p.producerId === other.producerId);
    expect(gone.parcel.status).toBe('missing');
    expect(gone.lines[0]).toMatchObject({ outcome: 'missing', finalFen: 0 });
  });

  it('uncollected: an online order is refunded what is left; a pay-at-pickup order is cancelled', async () => {
    const honey = await f.product(farmer, { titleZh: '高山蜂蜜', unit: 'bag', priceFen: 8800 }, { stock: 10 });
    const online = await f.buyer();
    const onlineId = await place(online.token, [{ productId: honey.id, quantity: 1 }], 'online');
    const cash = await f.buyer();
    const cashId = await place(cash.token, [{ productId: honey.id, quantity: 2 }], 'pay_at_pickup');
    for (const [id, qty] of [[onlineId, 1], [cashId, 2]] as const) {
      await emit('logistics', 'logistics.task.packed', {
        taskId: randomUUID(), orderId: id, producerId: farmer.producerId, parcelId: randomUUID(), parcelCode: null, at: now(),
        lines: [{ productId: honey.id, quantity: qty, packedGrams: null, short: false, finalFen: 8800 * qty }],
      });
      await emit('pickup', 'pickup.collections.ready', { pointId, at: now(), collections: [{ collectionId: randomUUID(), orderId: id, deadline: now() }] });
      await emit('pickup', 'pickup.collection.returned', { collectionId: randomUUID(), orderId: id, pointId, producerIds: [farmer.producerId], at: now() });
    }
    await eventually(async () => (await view(onlineId, online.token)).status === 'refunded', 'the returned online order refunded');
    expect((await view(onlineId, online.token)).refundedFen).toBe(8800);
    await eventually(async () => (await view(cashId, cash.token)).status === 'cancelled', 'the returned pay-at-pickup order cancelled');
    const cashView = await view(cashId, cash.token);
    expect(cashView.refundedFen).toBe(0);
    expect(cashView.tracking.map((e: { kind: string }) => e.kind)).toContain('returned');
  });

  it('pay at pickup: a lighter pack lowers what is due, and the settlement is recorded at handover', async () => {
    const potatoes = await f.product(farmer, { titleZh: '昭通洋芋', unit: 'jin', priceFen: 250 }, { stock: 1000 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: potatoes.id, quantity: 20 }], 'pay_at_pickup');
    expect((await view(id, buyer.token)).status).toBe('confirmed');
    await emit('logistics', 'logistics.task.packed', {
      taskId: randomUUID(), orderId: id, producerId: farmer.producerId, parcelId: randomUUID(), parcelCode: null, at: now(),
      lines: [{ productId: potatoes.id, quantity: 20, packedGrams: 9700, short: false, finalFen: 4850 }],
    });
    // Ready and handed over may be processed before the packing news after retries: the order still ends picked up.
    await emit('pickup', 'pickup.collection.handed_over', { collectionId: randomUUID(), orderId: id, pointId, paidAtPickupFen: 4850, settlement: 'wechat', at: now() });
    await eventually(async () => (await view(id, buyer.token)).status === 'picked_up', 'picked up');
    const v = await view(id, buyer.token);
    expect(v.goodsFen).toBe(4850);
    expect(v.refundedFen).toBe(0);
    expect(v.payment).toMatchObject({ provider: 'pay_at_pickup', status: 'succeeded', amountFen: 4850, settlement: 'wechat' });
    expect(await t.db.query(`SELECT 1 FROM ordering.refunds WHERE order_id = $1`, [id])).toEqual([]);
  });

  it('pay at pickup with every line short: the order is cancelled, logistics is told and the pickup slot goes back', async () => {
    const pears = await f.product(farmer, { titleZh: '雪梨', unit: 'box', priceFen: 3000 }, { stock: 10 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: pears.id, quantity: 1 }], 'pay_at_pickup');
    const holdOf = async () => (await t.db.query(`SELECT status FROM pickup.holds WHERE order_id = $1`, [id]))[0]?.status;
    expect(await holdOf()).toBe('held');
    await emit('logistics', 'logistics.task.packed', {
      taskId: randomUUID(), orderId: id, producerId: farmer.producerId, parcelId: null, parcelCode: null, at: now(),
      lines: [{ productId: pears.id, quantity: 1, packedGrams: null, short: true, finalFen: 0 }],
    });
    await eventually(async () => (await view(id, buyer.token)).status === 'cancelled', 'cancelled');
    const types = await t.db.query(`SELECT type FROM ordering.outbox WHERE payload->>'orderId' = $1 ORDER BY id`, [id]);
    expect(types.map((r: { type: string }) => r.type)).toContain('ordering.order.cancelled');
    await eventually(async () => (await holdOf()) === 'released', 'the slot given back');
    // The stock stays sold: what was short never existed.
    expect((await t.db.query(`SELECT stock_available, stock_sold FROM catalog.products WHERE id = $1`, [pears.id]))[0]).toEqual({ stock_available: 9, stock_sold: 1 });
  });

  it('news for a cancelled order changes nothing', async () => {
    const plums = await f.product(farmer, { titleZh: '李子', unit: 'box', priceFen: 2000 }, { stock: 10 });
    const buyer = await f.buyer();
    const id = await place(buyer.token, [{ productId: plums.id, quantity: 1 }], 'pay_at_pickup');
    expect((await t.api.post(`/api/orders/${id}/cancel`, {}, buyer.token)).status).toBe(200);
    await emit('logistics', 'logistics.task.packed', {
      taskId: randomUUID(), orderId: id, producerId: farmer.producerId, parcelId: randomUUID(), parcelCode: null, at: now(),
      lines: [{ productId: plums.id, quantity: 1, packedGrams: null, short: false, finalFen: 2000 }],
    });
    const [row] = await t.db.query(`SELECT id FROM logistics.outbox WHERE payload->>'orderId' = $1`, [id]);
    await eventually(
      async () => (await t.db.query(`SELECT 1 FROM ordering.inbox WHERE consumer = 'order-fulfilment' AND message_id = $1`, [`logistics-${row.id}`])).length === 1,
      'the packing news consumed',
    );
    const v = await view(id, buyer.token);
    expect(v.status).toBe('cancelled');
    expect(v.producers[0].parcel).toBeNull();
  });
});

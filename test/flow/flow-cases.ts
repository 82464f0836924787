import { StripeStandIn, TestApp } from '@app/testing';
import { Journey } from './journey';

/** Kinds of tracking line the buyer sees on an order that went all the way. */
const WHOLE_WAY = ['packed', 'collected', 'at_hub', 'out_for_delivery', 'received', 'ready', 'handed_over'];
const kinds = (v: { tracking: Array<{ kind: string }> }) => v.tracking.map((e) => e.kind);

/**
 * The whole flow and its variants, run by both the all-in-one suite and the split-services suite.
 * `ctx()` is read when each case runs, after the suite's beforeAll has started the services.
 */
export function defineFlowCases(ctx: () => { t: TestApp; stripe: StripeStandIn; db: TestApp['db'] }) {
  let j: Journey;
  beforeAll(() => {
    j = new Journey(ctx().t, ctx().stripe);
  });

  it('online: lists → orders and pays → packed by weight → collected → received → code → handed over → picked up', async () => {
    const { farmer, admin, point, buyer } = await j.people('zhaoyang', { township: '洒渔镇', name: `洒渔镇苹果园${Date.now()}` });
    const apples = await j.f.product(farmer, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680 }, { stock: 500 });
    const orderId = await j.order(buyer, point.id, [{ productId: apples.id, quantity: 10 }], 'online');
    expect((await j.orderView(orderId, buyer)).status).toBe('paid');

    const task = await j.task(farmer, orderId);
    expect(task).toMatchObject({ pickupPointId: point.id, pickupDay: j.day, status: 'open' });
    // 10 斤 is 5,000 g; 4,900 g is within 5%: the price follows the weight (680 × 4900 / 500 = 6,664 fen).
    const packed = await j.pack(farmer, task.id, [{ productId: apples.id, packedGrams: 4900 }]);
    expect(packed.status).toBe('packed');
    expect(packed.lines[0]).toMatchObject({ packedGrams: 4900, finalFen: 6664 });
    const label = await j.api.get(`/api/logistics/parcels/${packed.parcel.id}/label`, farmer.token);
    expect(label.status).toBe(200);
    expect(String(label.body)).toContain('<svg');
    expect(String(label.body)).not.toContain(buyer.phone);

    await j.collectAndDeliver(admin, point.id);
    const receipt = await j.receive(point.staff, point.id, packed.parcel.code);
    expect(JSON.stringify(receipt)).not.toMatch(/"code":"\d{6}"/);
    const code = await j.pickupCode(buyer, orderId);
    expect(code).toMatch(/^\d{6}$/);
    await j.waitForStatus(orderId, buyer, 'ready_for_pickup');
    await j.handOver(point.staff, point.id, packed.parcel.code, code);
    await j.waitForStatus(orderId, buyer, 'picked_up');

    const done = await j.orderView(orderId, buyer);
    expect(kinds(done)).toEqual(expect.arrayContaining(WHOLE_WAY));
    expect(done.goodsFen).toBe(6664);
    await j.waitForRefund(orderId, buyer, 136);
    expect(ctx().stripe.requests.filter((r) => r.path === '/v1/refunds' && r.body.amount === '136')).toHaveLength(1);

    const [{ trace_code }] = await ctx().db.query(`SELECT trace_code FROM logistics.parcels WHERE id = $1`, [packed.parcel.id]);
    const trace = await j.api.get(`/api/logistics/trace/${trace_code}`);
    expect(trace.status).toBe(200);
    expect(JSON.stringify(trace.body)).toContain('昭通苹果');
    for (const secret of [buyer.phone, buyer.id, orderId, code]) expect(JSON.stringify(trace.body)).not.toContain(secret);
  });

  it('pay at pickup: confirmed → packed → received → handed over with the payment recorded', async () => {
    const { farmer, admin, point, buyer } = await j.people('yiliang', { township: '小草坝镇', name: `小草坝天麻合作社${Date.now()}` });
    const gastrodia = await j.f.product(farmer, { titleZh: '小草坝天麻', unit: 'box', priceFen: 12800 }, { stock: 50 });
    const orderId = await j.order(buyer, point.id, [{ productId: gastrodia.id, quantity: 2 }], 'pay_at_pickup');
    expect((await j.orderView(orderId, buyer)).status).toBe('confirmed');
    const task = await j.task(farmer, orderId);
    const packed = await j.pack(farmer, task.id, [{ productId: gastrodia.id }]);
    await j.collectAndDeliver(admin, point.id);
    await j.receive(point.staff, point.id, packed.parcel.code);
    const code = await j.pickupCode(buyer, orderId);
    const { found } = await j.handOver(point.staff, point.id, packed.parcel.code, code, 'cash');
    expect(JSON.stringify(found)).toContain('25600');
    await j.waitForStatus(orderId, buyer, 'picked_up');
    expect((await j.orderView(orderId, buyer)).payment).toMatchObject({ provider: 'pay_at_pickup', status: 'succeeded', amountFen: 25600, settlement: 'cash' });
  });

  it('a short line is refunded; the rest goes all the way', async () => {
    const { farmer, admin, point, buyer } = await j.people('ludian', { township: '龙头山镇', name: `鲁甸花椒${Date.now()}` });
    const pepper = await j.f.product(farmer, { titleZh: '鲁甸花椒', unit: 'bag', priceFen: 4500 }, { stock: 50 });
    const cherries = await j.f.product(farmer, { titleZh: '鲁甸樱桃', unit: 'box', priceFen: 6000 }, { stock: 50 });
    const orderId = await j.order(buyer, point.id, [{ productId: pepper.id, quantity: 1 }, { productId: cherries.id, quantity: 1 }], 'online');
    const task = await j.task(farmer, orderId);
    const packed = await j.pack(farmer, task.id, [{ productId: pepper.id }, { productId: cherries.id, short: true }]);
    await j.waitForRefund(orderId, buyer, 6000);
    expect((await j.orderView(orderId, buyer)).status).toBe('in_fulfilment');
    await j.collectAndDeliver(admin, point.id);
    await j.receive(point.staff, point.id, packed.parcel.code);
    await j.handOver(point.staff, point.id, packed.parcel.code, await j.pickupCode(buyer, orderId));
    await j.waitForStatus(orderId, buyer, 'picked_up');
    const v = await j.orderView(orderId, buyer);
    expect(v.refundedFen).toBe(6000);
    expect(v.goodsFen).toBe(4500);
  });

  it('uncollected: returned at the deadline and refunded', async () => {
    const { farmer, admin, point, buyer } = await j.people('yongshan', { township: '溪洛渡街道', name: `永善脐橙${Date.now()}` });
    const oranges = await j.f.product(farmer, { titleZh: '永善脐橙', unit: 'box', priceFen: 7800 }, { stock: 50 });
    const orderId = await j.order(buyer, point.id, [{ productId: oranges.id, quantity: 1 }], 'online');
    const task = await j.task(farmer, orderId);
    const packed = await j.pack(farmer, task.id, [{ productId: oranges.id }]);
    await j.collectAndDeliver(admin, point.id);
    await j.receive(point.staff, point.id, packed.parcel.code);
    await j.pickupCode(buyer, orderId);
    // The deadline passes: move it into the past and let the sweep find it, as it would days later.
    await ctx().db.query(`UPDATE pickup.collections SET deadline = now() - interval '1 minute' WHERE order_id = $1`, [orderId]);
    await j.sweepCollections();
    await j.waitForStatus(orderId, buyer, 'refunded');
    const v = await j.orderView(orderId, buyer);
    expect(v.refundedFen).toBe(7800);
    expect(kinds(v)).toContain('returned');
    const notes = (await j.api.get('/api/notifications', buyer.token)).body.items.filter((n: { orderId: string }) => n.orderId === orderId);
    expect(notes.length).toBeGreaterThanOrEqual(2);
  });
}

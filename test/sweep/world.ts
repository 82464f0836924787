import sharp from 'sharp';
import { Account, ProducerAccount, StripeStandIn, TestApp } from '@app/testing';
import { Journey } from '../flow/journey';
import { Tokens } from './callers';
import { Ids } from './ids';

/**
 * What the sweeps point at. `mine`: one order all the way to the counter (pack task, run, shipment,
 * parcel, collection, pickup code, refund, notification, photo), owned by the buyer and farmer who call
 * and received by the staff member who calls. `others`: the same again, owned by a second buyer and
 * farmer and received at a second point by its own staff member, none of whom ever call; plus an order
 * of theirs still to pack, and a line in their cart. Both sides are in one county on one pickup day, so
 * their parcels ride the same collection run: a list scoped by county, day or run instead of by owner,
 * point or producer shows the others' objects to the callers.
 */
export interface World {
  j: Journey;
  day: string;
  tokens: Tokens;
  mine: Ids;
  others: Ids;
  /** The others' second order (pay at pickup, not packed yet) under the keys it replaces in `others`. */
  othersPending: Ids;
  /** The others' phone numbers: their accounts' and the farmer's contact phone. */
  othersPhones: string[];
}

export function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 30, b: 40 } } }).jpeg().toBuffer();
}

async function uploadPhoto(t: TestApp, productId: string, farmer: Account): Promise<string> {
  const upload = new FormData();
  upload.append('file', new Blob([new Uint8Array(await jpeg())], { type: 'image/jpeg' }), 'photo.jpg');
  const photo = await t.api.request('POST', `/api/catalog/products/${productId}/photos`, { raw: upload, token: farmer.token });
  expect(photo.status).toBe(201);
  return photo.body.photos[0].id;
}

/** The rows the setup reads back for one side's order, once it is at the counter. */
async function objectsOf(t: TestApp, orderId: string, logisticsParcelId: string, productId: string) {
  const [parcel] = await t.db.query(`SELECT id, code, shipment_id, run_id, collection_id FROM pickup.parcels WHERE order_id = $1`, [orderId]);
  const [traced] = await t.db.query(`SELECT trace_code FROM logistics.parcels WHERE id = $1`, [logisticsParcelId]);
  const [refund] = await t.db.query(`SELECT id FROM ordering.refunds WHERE order_id = $1 LIMIT 1`, [orderId]);
  const [note] = await t.db.query(`SELECT id FROM pickup.notifications WHERE order_id = $1 LIMIT 1`, [orderId]);
  const [payment] = await t.db.query(`SELECT id, provider_ref FROM ordering.payments WHERE order_id = $1 LIMIT 1`, [orderId]);
  const [reservation] = await t.db.query(
    `SELECT r.id FROM catalog.reservations r JOIN catalog.reservation_lines l ON l.reservation_id = r.id WHERE l.product_id = $1 ORDER BY r.created_at LIMIT 1`,
    [productId],
  );
  return {
    logisticsParcel: logisticsParcelId,
    traceCode: traced.trace_code,
    run: parcel.run_id,
    shipment: parcel.shipment_id,
    parcel: parcel.id,
    parcelCode: parcel.code,
    collection: parcel.collection_id,
    refund: refund.id,
    notification: note.id,
    payment: payment.id,
    paymentRef: payment.provider_ref,
    reservation: reservation.id,
  };
}

export async function buildWorld(t: TestApp, stripe: StripeStandIn): Promise<World> {
  const j = new Journey(t, stripe);
  const day = j.day;
  const admin = await j.f.admin();

  // Both sides' people and goods at once, all in Zhaoyang.
  const [people, farmer2, point2, buyer2] = await Promise.all([
    j.people('zhaoyang', { township: '洒渔镇', name: '洒渔镇苹果园' }),
    j.f.producer({ county: 'zhaoyang', township: '大山包镇', name: '大山包天麻合作社' }) as Promise<ProducerAccount>,
    j.p.point({ county: 'zhaoyang', township: '大山包镇' }) as Promise<{ id: string }>,
    j.f.buyer(),
  ]);
  const { buyer, farmer } = people;
  const [apples, walnuts, gastrodia, staff2] = await Promise.all([
    j.f.product(farmer, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680 }, { stock: 500 }),
    j.f.product(farmer, { titleZh: '大姚核桃', unit: 'bag', priceFen: 3000 }, { stock: 50 }),
    j.f.product(farmer2, { titleZh: '大山包天麻', unit: 'jin', priceFen: 12800 }, { stock: 50 }),
    j.p.staff(point2.id),
  ]);

  // Each side's order paid online, packed, driven to its point on the county's one run, received and
  // given a pickup code.
  const [orderId, order2] = await Promise.all([
    j.order(buyer, people.point.id, [{ productId: apples.id, quantity: 10 }, { productId: walnuts.id, quantity: 1 }], 'online'),
    j.order(buyer2, point2.id, [{ productId: gastrodia.id, quantity: 2 }], 'online'),
  ]);
  const [[task, packed], [task2, packed2]] = await Promise.all([
    j.task(farmer, orderId).then(async (tk) => [tk, await j.pack(farmer, tk.id, [{ productId: apples.id, packedGrams: 4900 }, { productId: walnuts.id }])]),
    j.task(farmer2, order2).then(async (tk) => [tk, await j.pack(farmer2, tk.id, [{ productId: gastrodia.id, packedGrams: 1000 }])]),
  ]);
  const run = await j.collectAndDeliver(admin, people.point.id);
  const [pickupCode, pickupCode2] = await Promise.all([
    j.receive(people.point.staff, people.point.id, packed.parcel.code).then(() => j.pickupCode(buyer, orderId)),
    j.receive(staff2, point2.id, packed2.parcel.code).then(() => j.pickupCode(buyer2, order2)),
  ]);

  // A refund on each paid order, a photo on each side's product; the others' second order, still to
  // pack, and a line left in their cart.
  const [refund, refund2, photo, photo2, order3] = await Promise.all([
    t.api.post(`/api/orders/${orderId}/refunds`, { amountFen: 100, reason: '苹果有碰伤' }, admin.token),
    t.api.post(`/api/orders/${order2}/refunds`, { amountFen: 100, reason: '天麻有破损' }, admin.token),
    uploadPhoto(t, apples.id, farmer),
    uploadPhoto(t, gastrodia.id, farmer2),
    j.order(buyer2, point2.id, [{ productId: gastrodia.id, quantity: 10 }], 'pay_at_pickup'),
  ]);
  const [{ count: shipments }] = await t.db.query(`SELECT count(*)::int AS count FROM logistics.shipments WHERE run_id = $1`, [run]);
  expect(shipments).toBe(2);
  expect(refund.status).toBeLessThan(300);
  expect(refund2.status).toBeLessThan(300);
  const [task3, cartLine] = await Promise.all([j.task(farmer2, order3), t.api.put(`/api/cart/lines/${gastrodia.id}`, { quantity: 3 }, buyer2.token)]);
  expect(cartLine.status).toBe(200);

  const mine: Ids = {
    user: buyer.id,
    farmerUser: farmer.id,
    staffUser: people.point.staff.id,
    producer: farmer.producerId,
    product: apples.id,
    photo,
    order: orderId,
    point: people.point.id,
    task: task.id,
    pickupCode,
    ...(await objectsOf(t, orderId, packed.parcel.id, apples.id)),
  };
  const others: Ids = {
    user: buyer2.id,
    farmerUser: farmer2.id,
    staffUser: staff2.id,
    producer: farmer2.producerId,
    product: gastrodia.id,
    photo: photo2,
    order: order2,
    point: point2.id,
    task: task2.id,
    pickupCode: pickupCode2,
    ...(await objectsOf(t, order2, packed2.parcel.id, gastrodia.id)),
  };
  const tokens: Tokens = { anonymous: undefined, buyer: buyer.token, farmer: farmer.token, staff: people.point.staff.token, admin: admin.token };
  return { j, day, tokens, mine, others, othersPending: { order: order3, task: task3.id }, othersPhones: [buyer2.phone, farmer2.phone, staff2.phone] };
}

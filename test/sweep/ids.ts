/**
 * The real objects a path parameter names. The sweeps' setup (world.ts) makes two sets: `mine`, owned
 * or staffed by the callers, and `others`, owned by people who never call. Both have the same keys.
 */

export type Ids = Record<string, string>;

/** Well-formed, version 4, and the id of nothing. */
export const UNKNOWN_UUID = '6f1c2a4e-9b7d-4e3f-8a21-0c5d9e7b3f10';

/** [path pattern, parameter name, key in Ids]: the first rule matching both names the object. */
const RULES: Array<[RegExp, string, string]> = [
  [/^\/api\/auth\/users\//, 'id', 'user'],
  [/^\/api\/catalog\/producers\//, 'id', 'producer'],
  [/^\/api\/catalog\/products\//, 'id', 'product'],
  [/\/photos\//, 'photoId', 'photo'],
  [/^\/api\/catalog\/reservations\//, 'id', 'reservation'],
  [/\/by-user\//, 'userId', 'farmerUser'],
  [/^\/api\/cart\/lines\//, 'productId', 'product'],
  [/^\/api\/orders\//, 'id', 'order'],
  [/^\/api\/refunds\//, 'id', 'refund'],
  [/\/pack-tasks\//, 'id', 'task'],
  [/^\/api\/logistics\/parcels\//, 'id', 'logisticsParcel'],
  [/\/trace\//, 'traceCode', 'traceCode'],
  [/\/runs\//, 'id', 'run'],
  [/.*/, 'orderId', 'order'], // holds, collections by order
  [/^\/api\/pickup-points\//, 'id', 'point'],
  [/\/collections\//, 'collectionId', 'collection'],
  [/\/by-code\//, 'parcelCode', 'parcelCode'],
  [/\/shipments\//, 'shipmentId', 'shipment'],
  [/\/parcels\//, 'parcelId', 'parcel'],
  // Staff bindings point at the buyer, a real user who is not staff there: unbinding the sweep's own
  // staff member halfway would lock them out of the rest.
  [/\/staff\//, 'userId', 'user'],
  [/^\/api\/notifications\//, 'id', 'notification'],
];

/** The key in Ids of the object parameter `name` of `path` names. */
export function realKey(path: string, name: string): string | undefined {
  return RULES.find(([re, param]) => param === name && re.test(path))?.[2];
}

/** The object of `of` that parameter `name` of `path` names; `day` is the sweeps' pickup day. */
export function realId(path: string, name: string, of: Ids, day: string): string | undefined {
  if (name === 'day') return day;
  const key = realKey(path, name);
  return key ? of[key] : undefined;
}

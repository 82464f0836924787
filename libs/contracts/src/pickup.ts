/** Shared pickup-point vocabulary and the slot contract the order service calls. */
export const PICKUP_POINT_KINDS = {
  village_station: { zh: '村级服务站', en: 'Village service station' },
  township_coop: { zh: '乡镇供销社门店', en: 'Township co-op shop' },
  town_shop: { zh: '城镇门店', en: 'Shop in town' },
} as const;
export type PickupPointKind = keyof typeof PICKUP_POINT_KINDS;
export const PICKUP_POINT_KIND_CODES = Object.keys(PICKUP_POINT_KINDS) as PickupPointKind[];

export const PICKUP_POINT_STATUSES = ['proposed', 'active', 'suspended'] as const;
export type PickupPointStatus = (typeof PICKUP_POINT_STATUSES)[number];

/** Opening hours for one weekday, China time, 'HH:MM'; a missing weekday is closed. */
export interface OpeningHours {
  open: string;
  close: string;
}
/** Keys 1 (Monday) to 7 (Sunday), as ISO weekdays. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningHours>>;

export interface PickupDayAvailability {
  day: string; // YYYY-MM-DD, China time
  open: boolean;
  capacity: number;
  held: number;
  remaining: number;
}

export interface PickupPointSummary {
  id: string;
  name: string;
  county: string;
  township: string;
  address: string;
  coldStorage: boolean;
  commissionBps: number;
  status: PickupPointStatus;
}

export interface SlotHoldView {
  orderId: string;
  pointId: string;
  day: string;
  status: 'held' | 'released';
}

/**
 * What the order service needs from the pickup-point service, now: hold a place for an order on a day
 * (idempotent per order id, never beyond the day's capacity) and give it back.
 */
export interface PickupClient {
  point(pointId: string): Promise<PickupPointSummary | null>;
  hold(req: { orderId: string; pointId: string; day: string }): Promise<SlotHoldView>;
  release(orderId: string): Promise<SlotHoldView | null>;
}
export const PICKUP_CLIENT = Symbol('PickupClient');

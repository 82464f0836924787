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

/** Why a day takes no pickups: the weekday has no hours, the point closed that day, or it is too far ahead. */
export type PickupDayClosedReason = 'weekly_hours' | 'closed_day' | 'beyond_horizon';

export interface PickupDayAvailability {
  day: string; // YYYY-MM-DD, China time
  open: boolean;
  capacity: number;
  held: number;
  remaining: number;
  /** That day's opening hours (China time); null when closed. */
  hours?: OpeningHours | null;
  /** Set when open is false. */
  closedReason?: PickupDayClosedReason | null;
  /** What the point wrote for a closed day (春节休息), if anything. */
  note?: string | null;
}

/** How many days ahead (today included as day 0) a point takes slot holds. */
export const PICKUP_MAX_DAYS_AHEAD = 60;
/** The longest range one availability request may ask for, both ends included. */
export const PICKUP_AVAILABILITY_MAX_DAYS = 31;
/** Where Zhaotong lies, with a margin: a point outside this box is a typing mistake. */
export const ZHAOTONG_BOUNDS = { minLat: 26.3, maxLat: 28.9, minLng: 102.5, maxLng: 105.5 } as const;

export const withinZhaotong = (lat: number, lng: number): boolean =>
  lat >= ZHAOTONG_BOUNDS.minLat && lat <= ZHAOTONG_BOUNDS.maxLat && lng >= ZHAOTONG_BOUNDS.minLng && lng <= ZHAOTONG_BOUNDS.maxLng;

/** Points per places request (POST /api/pickup-points/places); the HTTP client splits longer lists. */
export const PLACES_PER_REQUEST = 500;

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

/** A point with its coordinates: what logistics plans collection runs with. */
export interface PickupPointPlace extends PickupPointSummary {
  lat: number;
  lng: number;
}

export interface SlotHoldView {
  orderId: string;
  pointId: string;
  day: string;
  status: 'held' | 'released';
}

/** Exactly the contract's summary fields of a point (views carry more). */
export function toPickupPointSummary(p: PickupPointSummary): PickupPointSummary {
  return {
    id: p.id,
    name: p.name,
    county: p.county,
    township: p.township,
    address: p.address,
    coldStorage: p.coldStorage,
    commissionBps: p.commissionBps,
    status: p.status,
  };
}

/**
 * What the order service needs from the pickup-point service, now: hold a place for an order on a day
 * (idempotent per order id, never beyond the day's capacity) and give it back.
 */
export interface PickupClient {
  point(pointId: string): Promise<PickupPointSummary | null>;
  hold(req: { orderId: string; pointId: string; day: string }): Promise<SlotHoldView>;
  release(orderId: string): Promise<SlotHoldView | null>;
  /** Where points are, for planning collection runs: the points found among `ids`, in any state. */
  places(ids: string[]): Promise<PickupPointPlace[]>;
}
export const PICKUP_CLIENT = Symbol('PickupClient');

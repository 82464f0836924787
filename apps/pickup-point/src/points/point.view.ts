import { countyZh, PICKUP_POINT_KINDS } from '@app/contracts';
import { Point } from './point.entity';

export interface ClosedDayView {
  day: string;
  reason: string | null;
}

export interface StaffView {
  userId: string;
  since: string;
}

/** What buyers see of an active point: where it is, when it opens, how to reach it. */
export function publicPointView(p: Point, closedDays: ClosedDayView[], distanceKm?: number) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    kindName: PICKUP_POINT_KINDS[p.kind]?.zh ?? p.kind,
    county: p.county,
    countyName: countyZh(p.county),
    township: p.township,
    village: p.village,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    openingHours: p.openingHours,
    /** Upcoming closed days, from today on. */
    closedDays,
    capacityPerDay: p.capacityPerDay,
    coldStorage: p.coldStorage,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    ...(distanceKm === undefined ? {} : { distanceKm: Math.round(distanceKm * 10) / 10 }),
  };
}

/** What admins, services and the point's own staff see: status, commission, staff and timestamps too. */
export function managerPointView(p: Point, closedDays: ClosedDayView[], staff: StaffView[], distanceKm?: number) {
  return {
    ...publicPointView(p, closedDays, distanceKm),
    status: p.status,
    statusNote: p.statusNote,
    statusChangedAt: p.statusChangedAt?.toISOString() ?? null,
    commissionBps: p.commissionBps,
    staff,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

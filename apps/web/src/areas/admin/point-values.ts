import { COUNTY_CODES } from '../../lib/vocab';
// Shared with the server's DTO, so the form's bounds and kinds cannot drift from what it accepts.
import { PICKUP_POINT_KIND_CODES, ZHAOTONG_BOUNDS } from '../../../../../libs/contracts/src/pickup';
import { capacityOk, contactNameOk, mobileOk, textLength as len } from '../../lib/point-rules';
import { EVERY_DAY_USUAL, weeklyHoursProblem, type WeeklyHours } from '../../ui/weekly-hours';
import type { AdminPoint } from './types';
import { w, type AdminWord } from './words';

const NUMBER = /^-?\d{1,3}(\.\d+)?$/;

/** The API's field names: problems are keyed by them, so the server's field errors land on the same fields. */
export type FieldName = 'name' | 'kind' | 'county' | 'township' | 'village' | 'address' | 'lat' | 'lng' | 'openingHours' | 'capacityPerDay' | 'coldStorage' | 'commissionBps' | 'contactName' | 'contactPhone';
export type Problems = Partial<Record<FieldName, string>>;
export const FIELDS: FieldName[] = ['name', 'kind', 'county', 'township', 'village', 'address', 'lat', 'lng', 'openingHours', 'capacityPerDay', 'coldStorage', 'commissionBps', 'contactName', 'contactPhone'];

/** What the form holds: the text fields as typed, the hours and the cold-storage box as they are. */
export interface Values {
  name: string;
  kind: string;
  county: string;
  township: string;
  village: string;
  address: string;
  lat: string;
  lng: string;
  capacity: string;
  commission: string;
  contactName: string;
  contactPhone: string;
  hours: WeeklyHours;
  cold: boolean;
}

/** Most village stations open every day around the market hours, take about 50 parcels and earn 1.5%: a new point starts there. */
export const NEW_POINT: Values = {
  name: '', kind: 'village_station', county: 'zhaoyang', township: '', village: '', address: '',
  lat: '', lng: '', capacity: '50', commission: '1.5', contactName: '', contactPhone: '', hours: EVERY_DAY_USUAL, cold: false,
};

export function valuesOf(p: AdminPoint): Values {
  return {
    name: p.name, kind: p.kind, county: p.county, township: p.township, village: p.village ?? '', address: p.address,
    lat: String(p.lat), lng: String(p.lng), capacity: String(p.capacityPerDay),
    // 150 → "1.5": the admin thinks in percent, the API in basis points.
    commission: String(p.commissionBps / 100),
    contactName: p.contactName ?? '', contactPhone: p.contactPhone, hours: p.openingHours, cold: p.coldStorage,
  };
}

export function problemText(field: FieldName): string {
  if (field === 'lat') return w('points.err.lat', { min: ZHAOTONG_BOUNDS.minLat, max: ZHAOTONG_BOUNDS.maxLat });
  if (field === 'lng') return w('points.err.lng', { min: ZHAOTONG_BOUNDS.minLng, max: ZHAOTONG_BOUNDS.maxLng });
  return w(`points.err.${field}` as AdminWord);
}

/** Decimal degrees to the 6 places the server keeps (about 0.1 m); null when it is not a number. */
export function degrees(text: string): number | null {
  const s = text.trim();
  return NUMBER.test(s) ? Math.round(Number(s) * 1e6) / 1e6 : null;
}

/** The same checks as CreatePointDto, so most mistakes are caught before a round trip on a weak signal. */
export function check(v: Values): Problems {
  const p: Problems = {};
  if (len(v.name) < 2 || len(v.name) > 60) p.name = problemText('name');
  if (!PICKUP_POINT_KIND_CODES.includes(v.kind as never)) p.kind = problemText('kind');
  if (!COUNTY_CODES.includes(v.county as never)) p.county = problemText('county');
  if (len(v.township) < 1 || len(v.township) > 30) p.township = problemText('township');
  if (len(v.village) > 30) p.village = problemText('village');
  if (len(v.address) < 2 || len(v.address) > 120) p.address = problemText('address');
  const lat = degrees(v.lat);
  const lng = degrees(v.lng);
  if (lat === null || lat < ZHAOTONG_BOUNDS.minLat || lat > ZHAOTONG_BOUNDS.maxLat) p.lat = problemText('lat');
  if (lng === null || lng < ZHAOTONG_BOUNDS.minLng || lng > ZHAOTONG_BOUNDS.maxLng) p.lng = problemText('lng');
  if (weeklyHoursProblem(v.hours)) p.openingHours = problemText('openingHours');
  if (!capacityOk(v.capacity)) p.capacityPerDay = problemText('capacityPerDay');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(v.commission.trim()) || Number(v.commission) > 100) p.commissionBps = problemText('commissionBps');
  if (!contactNameOk(v.contactName)) p.contactName = problemText('contactName');
  if (!mobileOk(v.contactPhone)) p.contactPhone = problemText('contactPhone');
  return p;
}

/** The body CreatePointDto takes. An empty village or contact is null: on a PATCH that clears it, on a POST it is simply none. */
export function bodyOf(v: Values): Record<FieldName, unknown> {
  return {
    name: v.name.trim(),
    kind: v.kind,
    county: v.county,
    township: v.township.trim(),
    village: v.village.trim() || null,
    address: v.address.trim(),
    lat: degrees(v.lat),
    lng: degrees(v.lng),
    // Weekday order, as the server keeps it: a day unticked and ticked again is no change.
    openingHours: Object.fromEntries(
      Object.keys(v.hours).sort().flatMap((d) => {
        const h = v.hours[d];
        return h ? [[d, { open: h.open, close: h.close }] as const] : [];
      }),
    ),
    capacityPerDay: Number(v.capacity.trim()),
    coldStorage: v.cold,
    commissionBps: Math.round(Number(v.commission.trim()) * 100),
    contactName: v.contactName.trim() || null,
    contactPhone: v.contactPhone.trim(),
  };
}

/**
 * Only the fields the admin changed, so a PATCH cannot put back what another admin or the point's staff
 * changed meanwhile (its hours, its phone). Compared as the API would store them: "1.50" is still 150.
 */
export function changes(before: Values, after: Values): Partial<Record<FieldName, unknown>> {
  const a = bodyOf(before);
  const b = bodyOf(after);
  return Object.fromEntries(FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => [f, b[f]]));
}

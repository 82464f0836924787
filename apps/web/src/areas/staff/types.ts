import type { WeeklyHours } from '../../ui/weekly-hours';

/** The pickup-point operations API as the staff screens read it (apps/pickup-point/src/{receiving,collections,earnings}). */
export interface StaffPoint {
  id: string;
  name: string;
  address: string;
  status: string;
}

/** A point as its own staff read it (GET /api/pickup-points/:id, the manager's view). */
export interface PointSettings extends StaffPoint {
  openingHours: WeeklyHours;
  closedDays: Array<{ day: string; reason: string | null }>;
  capacityPerDay: number;
  coldStorage: boolean;
  contactName: string | null;
  contactPhone: string;
}

export interface StaffParcel {
  id: string;
  code: string;
  status: string;
  collectionId: string;
  shipmentId: string;
  pickupDay: string;
  orderId: string;
  producerName: string;
  perishable: boolean;
  paymentMethod: 'online' | 'pay_at_pickup';
  goodsFen: number;
  items: Array<{ titleZh: string; unit: string; quantity: number; packedGrams: number | null }>;
  problemNote: string | null;
  receivedAt: string | null;
}

export interface Receipt {
  parcel: StaffParcel;
  collection: { id: string; status: string; parcelsStillExpected: number };
}

export interface StaffCollection {
  id: string;
  orderId: string;
  status: string;
  paymentMethod: 'online' | 'pay_at_pickup';
  parcels: { total: number; expected: number; onShelf: number };
  amountDueFen: number;
  attemptsLeft: number | null;
  readyAt: string | null;
  deadline: string | null;
  handedOverAt: string | null;
  settlement: string | null;
  paidAtPickupFen: number;
  goodsFen: number;
  parcelList?: StaffParcel[];
}

export interface Statement {
  day: string;
  commissionBps: number;
  handovers: number;
  parcels: number;
  goodsFen: number;
  commissionFen: number;
  collectedAtPickup: { cashFen: number; wechatFen: number; alipayFen: number; totalFen: number };
  lines: Array<{ collectionId: string; orderId: string; handedOverAt: string; parcels: number; goodsFen: number; commissionFen: number; settlement: string | null; paidAtPickupFen: number }>;
}

/** The parcel code printed under the label's barcode (apps/pickup-point/src/receiving/dto). */
export const PARCEL_CODE = /^ZT[0-9A-Z]{10}$/;

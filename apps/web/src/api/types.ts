/** The shapes the screens read from the API (see the services' *.view.ts); only the fields used here. */
export interface Photo {
  id: string;
  small: string;
  large: string;
  width: number;
  height: number;
}

export interface ProductListItem {
  id: string;
  category: string;
  titleZh: string;
  titleEn: string | null;
  unit: string;
  unitNote: string | null;
  priceFen: number;
  originCounty: string;
  inSeason: boolean;
  preSale: boolean;
  expectedShipDate: string | null;
  perishable: boolean;
  minOrderQty: number;
  photo: string | null;
  stockAvailable: number;
  soldOut: boolean;
  producer: { id: string; name: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Product {
  id: string;
  category: string;
  titleZh: string;
  titleEn: string | null;
  descriptionZh: string | null;
  descriptionEn: string | null;
  unit: string;
  unitNote: string | null;
  priceFen: number;
  grade: string | null;
  gradeName: string | null;
  originCounty: string;
  harvestFrom: string | null;
  harvestTo: string | null;
  inSeason: boolean;
  preSale: boolean;
  expectedShipDate: string | null;
  perishable: boolean;
  shelfLifeDays: number | null;
  minOrderQty: number;
  photos: Photo[];
  stockAvailable: number;
  soldOut: boolean;
  status: 'draft' | 'active' | 'paused' | 'archived';
  producer: { id: string; name: string; kind: string; county: string; township: string; certifications: string[] };
  stockReserved?: number;
  stockSold?: number;
}

export interface Producer {
  id: string;
  kind: 'farmer' | 'cooperative';
  name: string;
  county: string;
  township: string;
  village: string | null;
  certifications: string[];
  description: string | null;
  status?: 'pending' | 'approved' | 'rejected' | 'suspended';
  reviewNote?: string | null;
}

export interface CartLine {
  productId: string;
  quantity: number;
  titleZh: string | null;
  unit: string | null;
  photo: string | null;
  unitPriceFen: number | null;
  lineTotalFen: number | null;
  stockAvailable: number;
  minOrderQty: number | null;
  available: boolean;
  problem: 'not_on_sale' | 'below_minimum' | 'insufficient_stock' | null;
}

export interface Cart {
  lines: CartLine[];
  itemsFen: number;
  hasProblems: boolean;
}

export interface PickupPoint {
  id: string;
  name: string;
  kindName: string;
  county: string;
  township: string;
  village: string | null;
  address: string;
  lat: number;
  lng: number;
  distanceKm?: number;
  coldStorage: boolean;
  contactPhone: string;
  /** ISO weekday "1".."7" → hours in China time; a weekday left out is closed. */
  openingHours: Partial<Record<string, { open: string; close: string }>>;
  /** Upcoming days off, from today on. */
  closedDays: Array<{ day: string; reason: string | null }>;
}

export interface PickupDay {
  day: string;
  open: boolean;
  capacity: number;
  held: number;
  remaining: number;
  hours?: { open: string; close: string } | null;
}

export interface OrderLine {
  productId: string;
  titleZh: string;
  unit: string;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  outcome: string;
  finalFen: number | null;
}

export interface Order {
  id: string;
  status: string;
  paymentMethod: 'online' | 'pay_at_pickup';
  pickupPointId: string;
  pickupDay: string;
  itemsFen: number;
  totalFen: number;
  refundedFen: number;
  goodsFen: number;
  expiresAt: string | null;
  placedAt: string | null;
  producers: Array<{ producerId: string; parcel: { code: string | null; status: string } | null; lines: OrderLine[]; subtotalFen: number }>;
  tracking: Array<{ kind: string; producerId: string | null; note: string | null; at: string }>;
  refunds: Array<{ amountFen: number; kind: string; reason: string; status: string; at: string }>;
  history: Array<{ from: string | null; to: string; reason: string | null; at: string }>;
  payment: { provider: string; status: string; amountFen: number; lastError: string | null; clientSecret?: string } | null;
}

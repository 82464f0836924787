/** Admin API shapes (apps/logistics/src/runs, apps/catalog/src/producers, libs/queue/src/admin, apps/order refunds). */
export interface RunSummary {
  id: string;
  day: string;
  county: string;
  countyName: string;
  status: 'planned' | 'collecting' | 'delivering' | 'done';
  atHub: boolean;
  stopCount: number;
  parcelCount: number;
  parcelsByStatus: Record<string, number>;
}

export interface RunDetail extends RunSummary {
  stops: Array<{ seq: number; shipmentId: string; pointName: string; legKm: number; status: string; parcelCount: number }>;
}

export interface Stuck {
  openTasks: Array<{ id: string; orderId: string; pickupDay: string; ageHours: number }>;
  parcelsNotCollected: Array<{ id: string; code: string; pickupDay: string; ageHours: number }>;
  parcelsNotReceived: Array<{ id: string; code: string; status: string; ageHours: number }>;
  runsNotDone: Array<{ id: string; day: string; county: string; status: string; ageHours: number }>;
}

export interface PendingProducer {
  id: string;
  kind: string;
  name: string;
  countyName: string;
  township: string;
  village: string | null;
  contactName: string;
  contactPhone: string;
  status: string;
  createdAt: string;
}

export interface ProposedPoint {
  id: string;
  name: string;
  kindName: string;
  countyName: string;
  township: string;
  address: string;
  capacityPerDay: number;
  commissionBps: number;
  contactName: string | null;
  contactPhone: string;
  status: string;
}

export interface QueueOverview {
  queues: Array<{ queue: string; paused: boolean; counts: { waiting: number; active: number; delayed: number; failed: number; completed: number }; oldestWaitingSeconds: number | null }>;
  outbox: Array<{ schema: string; unrelayed: number; oldestUnrelayedSeconds: number | null }>;
}

export interface DeadLetter {
  id: string;
  queue: string;
  jobId: string;
  name: string;
  failedReason: string;
  attempts: number | null;
  failedAt: string;
}

export interface RefundRow {
  id: string;
  orderId: string;
  amountFen: number;
  kind: string;
  reason: string;
  /** The admin who made it, for refunds made by hand. */
  requestedBy: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  /** The failed refund this one asks for again, and the refund that asked for this one again. */
  retryOf: string | null;
  retriedBy: string | null;
  createdAt: string;
}

export interface AccountRow {
  id: string;
  phone: string;
  role: 'buyer' | 'farmer' | 'staff' | 'admin';
  displayName: string;
  status: 'active' | 'disabled';
  createdAt: string;
}

/** A pickup point as admins see it (managerPointView in apps/pickup-point/src/points/point.view.ts). */
export interface AdminPoint {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  county: string;
  countyName: string;
  township: string;
  village: string | null;
  address: string;
  lat: number;
  lng: number;
  openingHours: Partial<Record<string, { open: string; close: string }>>;
  capacityPerDay: number;
  coldStorage: boolean;
  contactName: string | null;
  contactPhone: string;
  status: 'proposed' | 'active' | 'suspended';
  statusNote: string | null;
  commissionBps: number;
  /** Identity user ids only: names and phones come from the accounts list. */
  staff: Array<{ userId: string; since: string }>;
  updatedAt: string;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';
import type { County, PickupPointKind, PickupPointStatus, WeeklyHours } from '@app/contracts';

/** numeric columns come back from pg as text; coordinates are plain numbers in JS. */
const decimal: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

@Entity({ schema: 'pickup', name: 'points' })
export class Point {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: PickupPointKind;

  @Column({ type: 'text' })
  county: County;

  @Column({ type: 'text' })
  township: string;

  @Column({ type: 'text', nullable: true })
  village: string | null;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'numeric', precision: 8, scale: 6, transformer: decimal })
  lat: number;

  @Column({ type: 'numeric', precision: 9, scale: 6, transformer: decimal })
  lng: number;

  /** ISO weekday '1'..'7' → { open, close } in China time; a missing weekday is closed. */
  @Column({ name: 'opening_hours', type: 'jsonb' })
  openingHours: WeeklyHours;

  @Column({ name: 'capacity_per_day', type: 'integer' })
  capacityPerDay: number;

  @Column({ name: 'cold_storage', type: 'boolean' })
  coldStorage: boolean;

  /** The point's commission per parcel, in basis points of the order value (150 = 1.5%). */
  @Column({ name: 'commission_bps', type: 'integer' })
  commissionBps: number;

  @Column({ type: 'text' })
  status: PickupPointStatus;

  @Column({ name: 'status_note', type: 'text', nullable: true })
  statusNote: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

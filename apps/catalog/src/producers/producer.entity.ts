import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Certification, County, ProducerStatus } from '@app/contracts';

@Entity({ schema: 'catalog', name: 'producers' })
export class Producer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The farmer account (identity.users.id) that owns this profile; referred to by id only. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: 'farmer' | 'cooperative';

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'contact_name', type: 'text' })
  contactName: string;

  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone: string;

  @Column({ type: 'text' })
  county: County;

  @Column({ type: 'text' })
  township: string;

  @Column({ type: 'text', nullable: true })
  village: string | null;

  @Column({ type: 'text', array: true })
  certifications: Certification[];

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  status: ProducerStatus;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import type { ProducerStatus } from './catalog';

/** What other services may know of a producer profile: who owns it, its name and where it farms. */
export interface ProducerCard {
  id: string;
  /** The farmer account that owns the profile. */
  userId: string;
  kind: 'farmer' | 'cooperative';
  name: string;
  county: string;
  countyName: string;
  township: string;
  village: string | null;
  status: ProducerStatus;
}

/** Where and when a product was grown, for trace pages. */
export interface ProductOrigin {
  productId: string;
  producerId: string;
  titleZh: string;
  originCounty: string;
  harvestFrom: string | null;
  harvestTo: string | null;
}

/**
 * The catalog's answer to "which producer is this farmer" and "where does this come from", for services
 * that work for producers (logistics). In-process and HTTP adapters answer alike.
 */
export interface ProducerDirectory {
  /** The producer profile a farmer account owns (any status), or null. */
  ofUser(userId: string): Promise<ProducerCard | null>;
  producers(ids: string[]): Promise<ProducerCard[]>;
  origins(productIds: string[]): Promise<ProductOrigin[]>;
}
export const PRODUCER_DIRECTORY = Symbol('ProducerDirectory');

import { ServiceName } from '@app/config';

/** Each service owns one PostgreSQL schema and touches no other. */
export const SCHEMA_OF: Record<ServiceName, string> = {
  identity: 'identity',
  catalog: 'catalog',
  order: 'ordering',
  logistics: 'logistics',
  'pickup-point': 'pickup',
};

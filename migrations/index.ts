import { MigrationClass } from '@app/database';
import { CatalogInit1764200000000 } from './catalog/1764200000000-catalog-init';
import { IdentityInit1764200000000 } from './identity/1764200000000-identity-init';
import { LogisticsInit1764200000000 } from './logistics/1764200000000-logistics-init';
import { OrderingInit1764200000000 } from './ordering/1764200000000-ordering-init';
import { PickupInit1764200000000 } from './pickup/1764200000000-pickup-init';

/** Every schema's migrations, in the order they apply. Add new migrations to their schema's list. */
export const MIGRATION_PLAN: Array<{ schema: string; migrations: MigrationClass[] }> = [
  { schema: 'identity', migrations: [IdentityInit1764200000000] },
  { schema: 'catalog', migrations: [CatalogInit1764200000000] },
  { schema: 'ordering', migrations: [OrderingInit1764200000000] },
  { schema: 'logistics', migrations: [LogisticsInit1764200000000] },
  { schema: 'pickup', migrations: [PickupInit1764200000000] },
];

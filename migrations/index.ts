import { MigrationClass } from '@app/database';
import { CatalogInit1764200000000 } from './catalog/1764200000000-catalog-init';
import { ReservationReturns1764300000000 } from './catalog/1764300000000-reservation-returns';
import { BrowseSpeed1764400000000 } from './catalog/1764400000000-browse-speed';
import { IdentityInit1764200000000 } from './identity/1764200000000-identity-init';
import { LogisticsInit1764200000000 } from './logistics/1764200000000-logistics-init';
import { LogisticsFulfilment1764600000000 } from './logistics/1764600000000-logistics-fulfilment';
import { OrdersSeen1764700000000 } from './logistics/1764700000000-orders-seen';
import { OrderingInit1764200000000 } from './ordering/1764200000000-ordering-init';
import { Orders1764300000000 } from './ordering/1764300000000-orders';
import { OrderFulfilment1764500000000 } from './ordering/1764500000000-order-fulfilment';
import { RefundKinds1764700000000 } from './ordering/1764700000000-refund-kinds';
import { RefundRetries1764800000000 } from './ordering/1764800000000-refund-retries';
import { PickupInit1764200000000 } from './pickup/1764200000000-pickup-init';
import { PickupPoints1764300000000 } from './pickup/1764300000000-pickup-points';
import { PickupOperations1764600000000 } from './pickup/1764600000000-pickup-operations';

/** Every schema's migrations, in the order they apply. Add new migrations to their schema's list. */
export const MIGRATION_PLAN: Array<{ schema: string; migrations: MigrationClass[] }> = [
  { schema: 'identity', migrations: [IdentityInit1764200000000] },
  { schema: 'catalog', migrations: [CatalogInit1764200000000, ReservationReturns1764300000000, BrowseSpeed1764400000000] },
  { schema: 'ordering', migrations: [OrderingInit1764200000000, Orders1764300000000, OrderFulfilment1764500000000, RefundKinds1764700000000, RefundRetries1764800000000] },
  { schema: 'logistics', migrations: [LogisticsInit1764200000000, LogisticsFulfilment1764600000000, OrdersSeen1764700000000] },
  { schema: 'pickup', migrations: [PickupInit1764200000000, PickupPoints1764300000000, PickupOperations1764600000000] },
];

import { DynamicModule, Type } from '@nestjs/common';
import type { ServiceName } from '@app/config';
import { CatalogModule } from '../../catalog/src/catalog.module';
import { IdentityModule } from '../../identity/src/identity.module';
import { LogisticsModule } from '../../logistics/src/logistics.module';
import { OrderModule } from '../../order/src/order.module';
import { PickupPointModule } from '../../pickup-point/src/pickup-point.module';

export const SERVICE_MODULES: Record<ServiceName, Type | DynamicModule> = {
  identity: IdentityModule,
  catalog: CatalogModule,
  order: OrderModule,
  logistics: LogisticsModule,
  'pickup-point': PickupPointModule,
};

export function modulesFor(services: Iterable<ServiceName>): Array<Type | DynamicModule> {
  return [...services].map((s) => SERVICE_MODULES[s]);
}

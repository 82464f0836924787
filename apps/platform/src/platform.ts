import { DynamicModule, Type } from '@nestjs/common';
import type { ServiceName } from '@app/config';
import { CatalogModule } from '../../catalog/src/catalog.module';
import { IdentityModule } from '../../identity/src/identity.module';
import { LogisticsModule } from '../../logistics/src/logistics.module';
import { OrderModule } from '../../order/src/order.module';
import { PickupPointModule } from '../../pickup-point/src/pickup-point.module';
import { WebAppModule } from './web/web-app.module';

const STATIC_MODULES: Record<Exclude<ServiceName, 'order' | 'logistics' | 'pickup-point'>, Type> = {
  identity: IdentityModule,
  catalog: CatalogModule,
};

/**
 * The modules for the services this process hosts. The order and logistics services call the catalog and
 * the pickup points, and the pickup points call identity, in-process when they share the process, and over
 * HTTP when they do not.
 */
export function modulesFor(services: Iterable<ServiceName>): Array<Type | DynamicModule> {
  const hosted = new Set(services);
  // One object for the pickup module, so every module that imports it gets the same instance.
  const pickup = hosted.has('pickup-point') ? PickupPointModule.register({ identity: hosted.has('identity') ? IdentityModule : undefined }) : undefined;
  const neighbours = { catalog: hosted.has('catalog') ? CatalogModule : undefined, pickup };
  const modules: Array<Type | DynamicModule> = [...hosted].map((s) =>
    s === 'order'
      ? OrderModule.register(neighbours)
      : s === 'logistics'
        ? LogisticsModule.register(neighbours)
        : s === 'pickup-point'
          ? pickup!
          : STATIC_MODULES[s],
  );
  // The platform process also serves the built web app at / (when dist/web exists).
  return [...modules, WebAppModule];
}

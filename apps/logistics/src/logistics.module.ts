import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { remoteClient } from '@app/auth';
import { HttpPickupClient, HttpProducerDirectory, PICKUP_CLIENT, PRODUCER_DIRECTORY } from '@app/contracts';
import { OrderEventsConsumer } from './events/order-events.consumer';
import { PickupEventsConsumer } from './events/pickup-events.consumer';
import { ParcelsController } from './parcels/parcels.controller';
import { ParcelsService } from './parcels/parcels.service';
import { PlanningService } from './runs/planning.service';
import { RunsController } from './runs/runs.controller';
import { RunsJobs } from './runs/runs.jobs';
import { RunsService } from './runs/runs.service';
import { StuckService } from './runs/stuck.service';
import { CallerProducer } from './tasks/caller-producer';
import { PackTasksController } from './tasks/pack-tasks.controller';
import { PackTasksService } from './tasks/pack-tasks.service';
import { PackingService } from './tasks/packing.service';

export interface LogisticsModuleOptions {
  /** The catalog module when it runs in this process; else producers are asked over HTTP at CATALOG_URL. */
  catalog?: Type;
  /** The pickup-point module when it runs in this process; else points are asked over HTTP at PICKUP_URL. */
  pickup?: Type | DynamicModule;
}

/** Pack tasks, parcels, collection runs, shipments and tracking. Schema: logistics. */
@Module({})
export class LogisticsModule {
  static register(opts: LogisticsModuleOptions): DynamicModule {
    const remote: Provider[] = [];
    if (!opts.catalog) remote.push(remoteClient(PRODUCER_DIRECTORY, 'CATALOG_URL', 'logistics', (url, token) => new HttpProducerDirectory(url, token)));
    if (!opts.pickup) remote.push(remoteClient(PICKUP_CLIENT, 'PICKUP_URL', 'logistics', (url, token) => new HttpPickupClient(url, token)));
    return {
      module: LogisticsModule,
      imports: [opts.catalog, opts.pickup].filter((m): m is Type | DynamicModule => Boolean(m)),
      controllers: [PackTasksController, ParcelsController, RunsController],
      providers: [
        ...remote,
        CallerProducer,
        PackTasksService,
        PackingService,
        ParcelsService,
        PlanningService,
        RunsService,
        StuckService,
        RunsJobs,
        OrderEventsConsumer,
        PickupEventsConsumer,
      ],
    };
  }
}

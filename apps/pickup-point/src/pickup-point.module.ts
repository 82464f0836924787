import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { remoteClient } from '@app/auth';
import { ACCOUNT_DIRECTORY, HttpAccountDirectory, PICKUP_CLIENT } from '@app/contracts';
import { AvailabilityService } from './availability/availability.service';
import { CodeAttemptLimiter } from './collections/code-limiter';
import { CollectionLifecycle } from './collections/collection-lifecycle';
import { CollectionsController } from './collections/collections.controller';
import { CollectionsService } from './collections/collections.service';
import { ExpiryConsumer } from './collections/expiry.consumer';
import { HandoverService } from './collections/handover.service';
import { PickupCodes } from './collections/pickup-codes';
import { StatementsController } from './earnings/statements.controller';
import { StatementsService } from './earnings/statements.service';
import { HoldsController } from './holds/holds.controller';
import { HoldsService } from './holds/holds.service';
import { InProcessPickupClient } from './holds/pickup-client.in-process';
import { InAppNotifier } from './notifications/in-app.notifier';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { Notifier } from './notifications/notifier';
import { Point } from './points/point.entity';
import { PointsController } from './points/points.controller';
import { PointsService } from './points/points.service';
import { DispatchedConsumer } from './receiving/dispatched.consumer';
import { ReceivingController } from './receiving/receiving.controller';
import { ReceivingService } from './receiving/receiving.service';

export interface PickupPointModuleOptions {
  /** The identity module when it runs in this process; else accounts are asked over HTTP at IDENTITY_URL. */
  identity?: Type;
}

/**
 * Pickup points, their staff, opening days and slot holds; receiving, collections with pickup codes,
 * handover, expiry, the buyers' notifications and the points' statements. Schema: pickup.
 */
@Module({})
export class PickupPointModule {
  static register(opts: PickupPointModuleOptions): DynamicModule {
    const remote: Provider[] = opts.identity
      ? []
      : [remoteClient(ACCOUNT_DIRECTORY, 'IDENTITY_URL', 'pickup-point', (url, token) => new HttpAccountDirectory(url, token))];
    return {
      module: PickupPointModule,
      imports: [TypeOrmModule.forFeature([Point]), ...(opts.identity ? [opts.identity] : [])],
      controllers: [HoldsController, CollectionsController, ReceivingController, StatementsController, NotificationsController, PointsController],
      providers: [
        ...remote,
        PointsService,
        AvailabilityService,
        HoldsService,
        { provide: PICKUP_CLIENT, useClass: InProcessPickupClient },
        { provide: Notifier, useClass: InAppNotifier },
        PickupCodes,
        CodeAttemptLimiter,
        CollectionLifecycle,
        ReceivingService,
        DispatchedConsumer,
        CollectionsService,
        HandoverService,
        ExpiryConsumer,
        StatementsService,
        NotificationsService,
      ],
      exports: [PICKUP_CLIENT],
    };
  }
}

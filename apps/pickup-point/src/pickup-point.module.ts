import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PICKUP_CLIENT } from '@app/contracts';
import { AvailabilityService } from './availability/availability.service';
import { HoldsController } from './holds/holds.controller';
import { HoldsService } from './holds/holds.service';
import { InProcessPickupClient } from './holds/pickup-client.in-process';
import { Point } from './points/point.entity';
import { PointsController } from './points/points.controller';
import { PointsService } from './points/points.service';

/** Pickup points, their staff, opening days and slot holds. Schema: pickup. Receiving and handover come later. */
@Module({
  imports: [TypeOrmModule.forFeature([Point])],
  controllers: [HoldsController, PointsController],
  providers: [PointsService, AvailabilityService, HoldsService, { provide: PICKUP_CLIENT, useClass: InProcessPickupClient }],
  exports: [PICKUP_CLIENT],
})
export class PickupPointModule {}

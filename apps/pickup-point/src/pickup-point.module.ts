import { Module } from '@nestjs/common';

/** Pickup points, staff, receiving and handover. Schema: pickup. Filled by the ordering and fulfilment issues. */
@Module({})
export class PickupPointModule {}

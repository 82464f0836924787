import { Module } from '@nestjs/common';

/** Pack tasks, collection runs, shipments and tracking. Schema: logistics. Filled by the fulfilment issue. */
@Module({})
export class LogisticsModule {}

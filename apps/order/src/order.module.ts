import { Module } from '@nestjs/common';

/** Carts, orders, payments and refunds. Schema: ordering. Filled by the ordering issue. */
@Module({})
export class OrderModule {}

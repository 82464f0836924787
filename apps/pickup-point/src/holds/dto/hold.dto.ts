import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsDateOnly } from '@app/http';

export class HoldSlotDto {
  @ApiProperty({ format: 'uuid', description: 'The order (ordering.orders.id): one hold per order' })
  @IsUUID('all', { message: 'orderId must be a UUID' })
  orderId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'pointId must be a UUID' })
  pointId: string;

  @ApiProperty({ example: '2026-12-01', description: 'The pickup day, China time' })
  @IsDateOnly()
  day: string;
}

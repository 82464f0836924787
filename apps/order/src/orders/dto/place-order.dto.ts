import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly } from '@app/http';

export class OrderItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt() @Min(1) @Max(100_000)
  quantity: number;
}

export class PlaceOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  pickupPointId: string;

  @ApiProperty({ example: '2026-11-28', description: 'China date; see GET /api/pickup-points/:id/availability' })
  @IsDateOnly()
  pickupDay: string;

  @ApiProperty({ enum: ['online', 'pay_at_pickup'] })
  @IsIn(['online', 'pay_at_pickup'])
  paymentMethod: 'online' | 'pay_at_pickup';

  @ApiPropertyOptional({ type: [OrderItemDto], description: 'Defaults to the cart' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50)
  @ValidateNested({ each: true }) @Type(() => OrderItemDto)
  items?: OrderItemDto[];
}

export class ListOrdersDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number;
}

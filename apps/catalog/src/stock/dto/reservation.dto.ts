import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ReserveItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt() @Min(1) @Max(100_000)
  quantity: number;
}

export class ReserveStockDto {
  @ApiProperty({ description: "The caller's key; the same key returns the same reservation", maxLength: 100 })
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9:_-]{8,100}$/, { message: 'idempotencyKey must be 8-100 letters, digits, ":", "_" or "-"' })
  idempotencyKey: string;

  @ApiProperty({ type: [ReserveItemDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50)
  @ValidateNested({ each: true }) @Type(() => ReserveItemDto)
  items: ReserveItemDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 86400, description: 'Default RESERVATION_TTL_SECONDS' })
  @IsOptional() @IsInt() @Min(1) @Max(86_400)
  ttlSeconds?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Trim } from '@app/http';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export class ListRefundsDto {
  @ApiPropertyOptional({ enum: REFUND_STATUSES })
  @IsOptional() @IsIn(REFUND_STATUSES, { message: `status must be one of ${REFUND_STATUSES.join(', ')}` })
  status?: (typeof REFUND_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(200)
  limit?: number;
}

/** An admin settling a dispute: part or all of what the buyer paid online goes back. */
export class AdminRefundDto {
  @ApiProperty({ example: 680, description: 'Fen to give back; at most what was paid online and not yet refunded' })
  @IsInt({ message: 'amountFen must be a whole number of fen' }) @Min(1, { message: 'amountFen must be at least 1' }) @Max(100_000_000)
  amountFen: number;

  @ApiProperty({ example: '买家反映苹果有碰伤' })
  @Trim() @IsString() @MinLength(2, { message: 'reason must say why, in at least 2 characters' }) @MaxLength(200)
  reason: string;
}

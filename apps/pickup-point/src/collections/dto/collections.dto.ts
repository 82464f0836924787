import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt } from '@app/http';
import { SHOWN_COLLECTION_STATUSES, ShownCollectionStatus } from '../collection-status';
import { PICKUP_CODE } from '../pickup-codes';

export const SETTLEMENTS = ['online', 'cash', 'wechat', 'alipay'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

export class HandoverDto {
  @ApiProperty({ description: "The buyer's 6-digit pickup code", example: '042917' })
  @IsString({ message: 'code must be the 6 digits the buyer shows' }) @Matches(PICKUP_CODE, { message: 'code must be the 6 digits the buyer shows' })
  code: string;

  @ApiPropertyOptional({ enum: SETTLEMENTS, description: "How a pay-at-pickup buyer paid at the counter; 'online' (or nothing) for orders paid online" })
  @IsOptional() @IsIn(SETTLEMENTS, { message: `settlement must be one of ${SETTLEMENTS.join(', ')}` })
  settlement?: Settlement;
}

export class ListCollectionsDto {
  @ApiPropertyOptional({ enum: SHOWN_COLLECTION_STATUSES, description: 'without it: everything not yet finished (expected and waiting)' })
  @IsOptional() @IsIn(SHOWN_COLLECTION_STATUSES, { message: `status must be one of ${SHOWN_COLLECTION_STATUSES.join(', ')}` })
  status?: ShownCollectionStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional() @ToInt() @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(500)
  limit?: number;
}

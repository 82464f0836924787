import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDateOnly, ToInt, Trim } from '@app/http';
import { PARCEL_STATUSES, ParcelStatus, PROBLEM_KINDS, ProblemKind } from '../parcel-status';

/** ZT + 10 characters, as printed under the label's barcode; scanners and people may send lower case. */
export const PARCEL_CODE = /^ZT[0-9A-Z]{10}$/;
const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class ReceiveParcelDto {
  @ApiProperty({ example: 'ZT7K3M9Q2XCH' })
  @upper() @IsString({ message: 'parcelCode must be text' }) @Matches(PARCEL_CODE, { message: 'parcelCode must be ZT followed by 10 letters or digits' })
  parcelCode: string;
}

export class ReportProblemDto {
  @ApiProperty({ enum: PROBLEM_KINDS })
  @IsIn(PROBLEM_KINDS, { message: `kind must be one of ${PROBLEM_KINDS.join(', ')}` })
  kind: ProblemKind;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @Trim() @IsString({ message: 'note must be text' }) @MaxLength(200)
  note?: string;
}

export class ListParcelsDto {
  @ApiPropertyOptional({ enum: PARCEL_STATUSES })
  @IsOptional() @IsIn(PARCEL_STATUSES, { message: `status must be one of ${PARCEL_STATUSES.join(', ')}` })
  status?: ParcelStatus;

  @ApiPropertyOptional({ description: 'pickup day, YYYY-MM-DD (China); e.g. today for what arrives today' })
  @IsOptional() @IsDateOnly()
  day?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all', { message: 'shipmentId must be a UUID' })
  shipmentId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional() @ToInt() @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(500)
  limit?: number;
}

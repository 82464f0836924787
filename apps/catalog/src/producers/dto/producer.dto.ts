import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CERTIFICATION_CODES, Certification, COUNTY_CODES, County, MOBILE_PATTERN, PRODUCER_STATUSES, ProducerStatus } from '@app/contracts';
import { Trim } from '@app/http';

export class CreateProducerDto {
  @ApiProperty({ enum: ['farmer', 'cooperative'] })
  @IsIn(['farmer', 'cooperative'])
  kind: 'farmer' | 'cooperative';

  @ApiProperty({ example: '鲁甸县龙头山镇苹果专业合作社' })
  @Trim() @IsString() @Length(2, 60)
  name: string;

  @ApiProperty({ example: '王建国' })
  @Trim() @IsString() @Length(1, 20)
  contactName: string;

  @ApiProperty({ example: '13912345678' })
  @IsString() @Matches(MOBILE_PATTERN, { message: 'contactPhone must be an 11-digit mainland mobile number' })
  contactPhone: string;

  @ApiProperty({ enum: COUNTY_CODES })
  @IsIn(COUNTY_CODES, { message: `county must be one of ${COUNTY_CODES.join(', ')}` })
  county: County;

  @ApiProperty({ example: '龙头山镇' })
  @Trim() @IsString() @Length(1, 30)
  township: string;

  @ApiPropertyOptional({ example: '光明村' })
  @IsOptional() @Trim() @IsString() @Length(1, 30)
  village?: string;

  @ApiPropertyOptional({ enum: CERTIFICATION_CODES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(CERTIFICATION_CODES.length) @ArrayUnique()
  @IsIn(CERTIFICATION_CODES, { each: true })
  certifications?: Certification[];

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  description?: string;
}

export class UpdateProducerDto extends PartialType(CreateProducerDto) {}

export class ReviewProducerDto {
  @ApiProperty({ enum: ['approve', 'reject', 'suspend'] })
  @IsIn(['approve', 'reject', 'suspend'])
  decision: 'approve' | 'reject' | 'suspend';

  @ApiPropertyOptional({ maxLength: 200, description: 'Why; shown to the farmer' })
  @IsOptional() @IsString() @MaxLength(200)
  note?: string;
}

export class ListProducersDto {
  @ApiPropertyOptional({ enum: PRODUCER_STATUSES, description: 'Admins only; others always see approved producers' })
  @IsOptional() @IsIn(PRODUCER_STATUSES as unknown as string[])
  status?: ProducerStatus;

  @ApiPropertyOptional({ enum: COUNTY_CODES })
  @IsOptional() @IsIn(COUNTY_CODES)
  county?: County;
}

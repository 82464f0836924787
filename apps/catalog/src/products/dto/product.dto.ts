import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { CATEGORY_CODES, COUNTY_CODES, County, Grade, GRADE_CODES, ProductCategory, Unit, UNIT_CODES } from '@app/contracts';
import { MAX_PRICE_FEN } from '../product-rules';
import { IsDateOnly, Trim } from '@app/http';

export class CreateProductDto {
  @ApiProperty({ enum: CATEGORY_CODES })
  @IsIn(CATEGORY_CODES, { message: `category must be one of ${CATEGORY_CODES.join(', ')}` })
  category: ProductCategory;

  @ApiProperty({ example: '昭通苹果 红富士', minLength: 2, maxLength: 60 })
  @Trim() @IsString() @Length(2, 60)
  titleZh: string;

  @ApiPropertyOptional({ example: 'Zhaotong Fuji apples', maxLength: 80 })
  @IsOptional() @Trim() @IsString() @MaxLength(80)
  titleEn?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  descriptionZh?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  descriptionEn?: string;

  @ApiProperty({ enum: UNIT_CODES, description: 'jin = 斤 (500 g)' })
  @IsIn(UNIT_CODES, { message: `unit must be one of ${UNIT_CODES.join(', ')}` })
  unit: Unit;

  @ApiPropertyOptional({ example: '5 公斤/箱', maxLength: 30 })
  @IsOptional() @Trim() @IsString() @MaxLength(30)
  unitNote?: string;

  @ApiProperty({ example: 680, description: 'Price per unit in fen (¥6.80 is 680)' })
  @IsInt({ message: 'priceFen must be a whole number of fen' }) @Min(1) @Max(MAX_PRICE_FEN)
  priceFen: number;

  @ApiPropertyOptional({ enum: GRADE_CODES })
  @IsOptional() @IsIn(GRADE_CODES)
  grade?: Grade;

  @ApiPropertyOptional({ enum: COUNTY_CODES, description: "Defaults to the producer's county" })
  @IsOptional() @IsIn(COUNTY_CODES)
  originCounty?: County;

  @ApiPropertyOptional({ example: '2026-08-15' })
  @IsOptional() @IsDateOnly()
  harvestFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional() @IsDateOnly()
  harvestTo?: string;

  @ApiPropertyOptional({ description: 'Listed before harvest (预售); needs expectedShipDate' })
  @IsOptional() @IsBoolean()
  preSale?: boolean;

  @ApiPropertyOptional({ example: '2026-12-10' })
  @IsOptional() @IsDateOnly()
  expectedShipDate?: string;

  @ApiPropertyOptional({ description: 'Spoils quickly; needs shelfLifeDays' })
  @IsOptional() @IsBoolean()
  perishable?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional() @IsInt() @Min(1) @Max(365)
  shelfLifeDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1 })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  minOrderQty?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0, description: 'Units available to sell' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  stock?: number;
}

export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['stock'] as const)) {}

export class SetStockDto {
  @ApiProperty({ minimum: 0, maximum: 1_000_000, description: 'Units available to sell from now on' })
  @IsInt() @Min(0) @Max(1_000_000)
  available: number;
}

export class ChangeStatusDto {
  @ApiProperty({ enum: ['active', 'paused', 'archived'] })
  @IsIn(['active', 'paused', 'archived'])
  status: 'active' | 'paused' | 'archived';
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CATEGORY_CODES, COUNTY_CODES, County, ProductCategory } from '@app/contracts';
import { ToBool, ToInt, Trim } from '@app/http';

export const BROWSE_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];
export const MAX_PAGE = 50;

export class BrowseProductsDto {
  @ApiPropertyOptional({ description: 'Keywords, Chinese or Latin (天麻, apple)', maxLength: 50 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: CATEGORY_CODES })
  @IsOptional() @IsIn(CATEGORY_CODES)
  category?: ProductCategory;

  @ApiPropertyOptional({ enum: COUNTY_CODES })
  @IsOptional() @IsIn(COUNTY_CODES)
  county?: County;

  @ApiPropertyOptional({ description: 'Lowest price per unit, fen' })
  @IsOptional() @ToInt() @IsInt() @Min(0) @Max(100_000_000)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest price per unit, fen' })
  @IsOptional() @ToInt() @IsInt() @Min(0) @Max(100_000_000)
  maxPrice?: number;

  @ApiPropertyOptional({ description: 'Only products whose harvest window includes today (China time)' })
  @IsOptional() @ToBool() @IsBoolean()
  inSeason?: boolean;

  @ApiPropertyOptional({ description: 'Only products with stock left' })
  @IsOptional() @ToBool() @IsBoolean()
  inStock?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ enum: BROWSE_SORTS, description: 'Default: relevance when q is given, else newest' })
  @IsOptional() @IsIn(BROWSE_SORTS)
  sort?: BrowseSort;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 20 })
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(MAX_PAGE)
  limit?: number;
}

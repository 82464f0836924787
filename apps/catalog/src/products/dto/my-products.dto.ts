import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PRODUCT_STATUSES, ProductStatus } from '@app/contracts';
import { ToInt } from '@app/http';

export class MyProductsDto {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional() @IsIn(PRODUCT_STATUSES as unknown as string[])
  status?: ProductStatus;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(50)
  limit?: number;
}

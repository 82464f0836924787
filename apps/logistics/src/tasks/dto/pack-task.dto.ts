import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly } from '@app/http';
import { TASK_STATUSES, TaskStatus } from '../task-status';

export class PackLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId: string;

  @ApiPropertyOptional({ example: 4800, description: 'Grams packed, for lines sold by weight (jin, kg)' })
  @IsOptional() @IsInt({ message: 'packedGrams must be a whole number of grams' }) @Min(1) @Max(10_000_000)
  packedGrams?: number;

  @ApiPropertyOptional({ description: 'The producer cannot supply this line: it is refunded in full' })
  @IsOptional() @IsBoolean()
  short?: boolean;
}

export class PackTaskDto {
  @ApiProperty({ type: [PackLineDto], description: 'Every line of the task, once' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PackLineDto)
  lines: PackLineDto[];
}

export class ListTasksDto {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional() @IsDateOnly()
  day?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional() @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus;
}

export class DayDto {
  @ApiProperty({ example: '2026-12-01', description: 'A pickup day, China time' })
  @IsDateOnly()
  day: string;
}

export class EarningsDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (China time), included; default 30 days ago' })
  @IsOptional() @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day (China time), included; default today' })
  @IsOptional() @IsDateOnly()
  to?: string;
}

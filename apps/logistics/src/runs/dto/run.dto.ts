import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateOnly, ToInt } from '@app/http';

export class PlanRunsDto {
  @ApiProperty({ example: '2026-12-01', description: 'The pickup day to plan, China time' })
  @IsDateOnly()
  day: string;
}

export class ListRunsDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Runs of this day; without it the latest runs' })
  @IsOptional() @IsDateOnly()
  day?: string;
}

export class StuckDto {
  @ApiPropertyOptional({ example: 12, description: 'Hours after packing or dispatch before a parcel counts as stuck' })
  @IsOptional() @ToInt() @IsInt({ message: 'hours must be a whole number' }) @Min(1) @Max(720)
  hours?: number;
}

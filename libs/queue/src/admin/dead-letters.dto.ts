import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { QUEUE_OF_SERVICE } from '../registry';

const QUEUES = Object.values(QUEUE_OF_SERVICE);

export class ListDeadLettersDto {
  @ApiPropertyOptional({ enum: QUEUES, description: 'Only jobs that failed on this queue' })
  @IsOptional()
  @IsIn(QUEUES, { message: `queue must be one of ${QUEUES.join(', ')}` })
  queue?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  // Query strings arrive as text; anything but a whole number is left to fail IsInt.
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

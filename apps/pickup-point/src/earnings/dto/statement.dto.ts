import { ApiProperty } from '@nestjs/swagger';
import { IsDateOnly } from '@app/http';

export class StatementDto {
  @ApiProperty({ example: '2026-11-28', description: 'The day, China time' })
  @IsDateOnly()
  day: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetCartLineDto {
  @ApiProperty({ minimum: 1, maximum: 100000, example: 10 })
  @IsInt() @Min(1) @Max(100_000)
  quantity: number;
}

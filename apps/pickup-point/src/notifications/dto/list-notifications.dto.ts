import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToBool, ToInt } from '@app/http';

export class ListNotificationsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @ToInt() @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'only unread ones' })
  @IsOptional() @ToBool() @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

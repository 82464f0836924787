import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { DeadLettersService } from './dead-letters.service';
import { ListDeadLettersDto } from './dead-letters.dto';

@ApiTags('admin: queues')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() dto: ListDeadLettersDto) {
    return this.deadLetters.list(dto.queue, dto.limit);
  }

  /** Runs the original job again with a fresh attempt budget (see DeadLettersService for why under its own id). */
  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentUser() admin: AuthUser, @Param('id') id: string) {
    return this.deadLetters.retry(admin, id);
  }

  @Delete(':id')
  discard(@CurrentUser() admin: AuthUser, @Param('id') id: string) {
    return this.deadLetters.discard(admin, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { DayDto, EarningsDto, ListTasksDto, PackTaskDto } from './dto/pack-task.dto';
import { PackTasksService } from './pack-tasks.service';
import { PackingService } from './packing.service';

/** A farmer's pack tasks, pack list and earnings: their own producer's only. */
@ApiTags('logistics: packing')
@ApiBearerAuth()
@Roles('farmer')
@Controller('api/logistics')
export class PackTasksController {
  constructor(
    private readonly tasks: PackTasksService,
    private readonly packing: PackingService,
  ) {}

  @Get('pack-tasks')
  list(@CurrentUser() user: AuthUser, @Query() dto: ListTasksDto) {
    return this.tasks.list(user, dto);
  }

  @Get('pack-tasks/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.tasks.get(user, id);
  }

  @Post('pack-tasks/:id/pack')
  @HttpCode(200)
  pack(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: PackTaskDto) {
    return this.packing.pack(user, id, dto);
  }

  @Get('pack-list')
  packList(@CurrentUser() user: AuthUser, @Query() dto: DayDto) {
    return this.tasks.packList(user, dto);
  }

  @Get('earnings')
  earnings(@CurrentUser() user: AuthUser, @Query() dto: EarningsDto) {
    return this.tasks.earnings(user, dto);
  }
}

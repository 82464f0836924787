import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { ListRunsDto, PlanRunsDto, StuckDto } from './dto/run.dto';
import { RunsService } from './runs.service';
import { StuckService } from './stuck.service';

/** Collection runs and what is stuck: co-operative admins only. */
@ApiTags('logistics: collection runs')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/logistics')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly stuckService: StuckService,
  ) {}

  @Get('runs')
  list(@CurrentUser() user: AuthUser, @Query() dto: ListRunsDto) {
    return this.runs.list(user, dto.day);
  }

  @Post('runs/plan')
  @HttpCode(200)
  plan(@CurrentUser() user: AuthUser, @Body() dto: PlanRunsDto) {
    return this.runs.plan(user, dto.day);
  }

  @Get('runs/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.runs.get(user, id);
  }

  @Post('runs/:id/collect')
  @HttpCode(200)
  collect(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.runs.collect(user, id);
  }

  @Post('runs/:id/hub')
  @HttpCode(200)
  hub(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.runs.hub(user, id);
  }

  @Post('runs/:id/deliver')
  @HttpCode(200)
  deliver(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.runs.deliver(user, id);
  }

  @Post('runs/:id/replan')
  @HttpCode(200)
  replan(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.runs.replan(user, id);
  }

  @Get('stuck')
  stuck(@CurrentUser() user: AuthUser, @Query() dto: StuckDto) {
    return this.stuckService.stuck(user, dto.hours ?? 12);
  }
}

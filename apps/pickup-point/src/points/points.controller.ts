import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, Patch, PipeTransform, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Public, Roles } from '@app/auth';
import { invalid } from '@app/errors';
import { IdPipe } from '@app/http';
import { AvailabilityService } from '../availability/availability.service';
import { AvailabilityDto, BindStaffDto, ChangePointStatusDto, CloseDayDto, CreatePointDto, ListPointsDto, PlacesDto, UpdatePointDto } from './dto/point.dto';
import { PointsService } from './points.service';

/** A calendar date in the path, YYYY-MM-DD. */
@Injectable()
export class DayPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    // 2026-13-01 is no date at all: toISOString would throw (a 500) rather than differ.
    const date = new Date(`${value}T00:00:00Z`);
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !value.startsWith('0000') && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    if (!ok) throw invalid('day', 'day must be a date written YYYY-MM-DD');
    return value;
  }
}

@ApiTags('pickup points')
@ApiBearerAuth()
@Controller('api/pickup-points')
export class PointsController {
  constructor(
    private readonly points: PointsService,
    private readonly availabilityService: AvailabilityService,
  ) {}

  @Public()
  @Get()
  list(@CurrentUser() user: AuthUser | undefined, @Query() dto: ListPointsDto) {
    return this.points.list(user, dto);
  }

  @Roles('staff')
  @Get('mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.points.mine(user);
  }

  @Public()
  @Get(':id')
  get(@CurrentUser() user: AuthUser | undefined, @Param('id', IdPipe) id: string) {
    return this.points.get(user, id);
  }

  @Public()
  @Get(':id/availability')
  availability(@CurrentUser() user: AuthUser | undefined, @Param('id', IdPipe) id: string, @Query() dto: AvailabilityDto) {
    return this.availabilityService.forRange(user, id, dto);
  }

  /** Where points are, in any state, for logistics over HTTP: the batch form of GET :id. */
  @Roles('service', 'admin')
  @Post('places')
  @HttpCode(200)
  async places(@Body() dto: PlacesDto) {
    return { items: await this.points.places(dto.ids) };
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePointDto) {
    return this.points.create(user, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: UpdatePointDto) {
    return this.points.update(user, id, dto);
  }

  @Roles('admin')
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: ChangePointStatusDto) {
    return this.points.changeStatus(user, id, dto);
  }

  @Roles('admin')
  @Post(':id/staff')
  bindStaff(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: BindStaffDto) {
    return this.points.bindStaff(user, id, dto);
  }

  @Roles('admin')
  @Delete(':id/staff/:userId')
  unbindStaff(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Param('userId', IdPipe) userId: string) {
    return this.points.unbindStaff(user, id, userId);
  }

  @Roles('admin', 'staff')
  @Put(':id/closed-days/:day')
  closeDay(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Param('day', DayPipe) day: string, @Body() dto: CloseDayDto) {
    return this.points.closeDay(user, id, day, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id/closed-days/:day')
  reopenDay(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Param('day', DayPipe) day: string) {
    return this.points.reopenDay(user, id, day);
  }
}

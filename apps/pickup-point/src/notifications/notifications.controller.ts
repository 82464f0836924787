import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser } from '@app/auth';
import { IdPipe } from '@app/http';
import { ListNotificationsDto } from './dto/list-notifications.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own in-app notifications (pickup codes, reminders, returns). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() dto: ListNotificationsDto) {
    return this.notifications.list(caller, dto);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string) {
    return this.notifications.markRead(caller, id);
  }
}

import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { BOARD_PATH, BOARD_SESSION_SECONDS, BoardSession } from './board-session';
import { QueueHealthService } from './queue-health.service';

interface CookieReply {
  header(name: string, value: string): unknown;
  request: { protocol?: string };
}

@ApiTags('admin: queues')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/queues')
export class QueueAdminController {
  constructor(
    private readonly health: QueueHealthService,
    private readonly session: BoardSession,
  ) {}

  /** Counts per queue this process hosts (and the dead letters), and each hosted schema's unrelayed outbox rows. */
  @Get()
  overview() {
    return this.health.overview();
  }

  /** Browsers cannot send a bearer token when they open a page, so the board gets a short-lived cookie of its own. */
  @Post('session')
  @HttpCode(200)
  openBoard(@CurrentUser() admin: AuthUser, @Res({ passthrough: true }) reply: CookieReply) {
    reply.header('set-cookie', this.session.cookie(this.session.issue(admin.id), reply.request.protocol === 'https'));
    return { board: `${BOARD_PATH}`, expiresIn: BOARD_SESSION_SECONDS };
  }
}

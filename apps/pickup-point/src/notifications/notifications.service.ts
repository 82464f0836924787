import { Injectable } from '@nestjs/common';
import { AuthUser, requireRole } from '@app/auth';
import { decodeTimeCursor, encodeTimeCursor, exactCreatedAt, queryRows, UnitOfWork } from '@app/database';
import { notFound } from '@app/errors';
import { ListNotificationsDto } from './dto/list-notifications.dto';
import { NotificationRow, notificationView } from './notification.view';

const COLUMNS = `id, kind, order_id, title_zh, body_zh, title_en, body_en, data, read_at, created_at`;

/** A user's own in-app notifications, newest first. Nobody reads another user's: those are "not found". */
@Injectable()
export class NotificationsService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(caller: AuthUser, dto: ListNotificationsDto) {
    requireRole(caller, 'buyer', 'farmer', 'staff', 'admin');
    const limit = dto.limit ?? 20;
    const params: unknown[] = [caller.id];
    const where = ['user_id = $1'];
    if (dto.unread) where.push('read_at IS NULL');
    if (dto.cursor) {
      const c = decodeTimeCursor(dto.cursor);
      where.push(`(created_at, id) < ($${params.push(c.createdExact)}::timestamptz, $${params.push(c.id)}::uuid)`);
    }
    const rows = await queryRows<NotificationRow & { created_exact: string }>(
      this.uow.dataSource.manager,
      `SELECT ${COLUMNS}, ${exactCreatedAt()} AS created_exact
         FROM pickup.notifications WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const [{ unread }] = await queryRows<{ unread: number }>(
      this.uow.dataSource.manager,
      `SELECT count(*)::int AS unread FROM pickup.notifications WHERE user_id = $1 AND read_at IS NULL`,
      [caller.id],
    );
    return { items: page.map(notificationView), unread, nextCursor: rows.length > limit ? encodeTimeCursor(page[page.length - 1]) : null };
  }

  /** Marks one of the caller's notifications read; reading it again keeps the first time. */
  async markRead(caller: AuthUser, id: string) {
    requireRole(caller, 'buyer', 'farmer', 'staff', 'admin');
    const rows = await queryRows<NotificationRow>(
      this.uow.dataSource.manager,
      `UPDATE pickup.notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, caller.id],
    );
    if (!rows.length) throw notFound('Notification');
    return notificationView(rows[0]);
  }
}

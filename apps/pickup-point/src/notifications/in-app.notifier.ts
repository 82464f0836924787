import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { afterCommit, queryRows } from '@app/database';
import { NewNotification, Notifier } from './notifier';

/** A stable stand-in for a user id in logs: enough to follow one user's messages, not to name them. */
export const userTag = (userId: string) => createHash('sha256').update(`zt:notify:${userId}`).digest('hex').slice(0, 12);

/**
 * Writes the notification to the user's in-app inbox (pickup.notifications). The log line carries only the
 * notification id, its kind and a hash of the user id: never the text or data, which hold the pickup code.
 */
@Injectable()
export class InAppNotifier extends Notifier {
  private readonly logger = new Logger('Notifier');

  async notify(tx: EntityManager, n: NewNotification): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO pickup.notifications (user_id, kind, order_id, collection_id, title_zh, body_zh, title_en, body_en, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [n.userId, n.kind, n.orderId, n.collectionId, n.title.zh, n.body.zh, n.title.en, n.body.en, JSON.stringify(n.data)],
    );
    afterCommit(tx, () => this.logger.log({ msg: 'notification sent', channel: 'in_app', notificationId: row.id, kind: n.kind, user: userTag(n.userId) }));
    return row.id;
  }
}

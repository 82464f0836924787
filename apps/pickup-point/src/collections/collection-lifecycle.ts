import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '@app/config';
import { pgCode, pgConstraint, PG_UNIQUE_VIOLATION, queryRows } from '@app/database';
import { OutboxService } from '@app/queue';
import { codeLockedMessage, pickupCodeMessage, remindMessageFor, returnedMessage } from '../notifications/messages';
import { NewNotification, NotificationKind, Notifier } from '../notifications/notifier';
import { assertCollectionTransition, holdPlan } from './collection-status';
import { CollectionRow, lockCollection, receivedGoods, retireCodeNotifications } from './collection-store';
import { newPickupCode, PickupCodes } from './pickup-codes';

const CODE_TRIES = 20;

/** Collections made ready in one transaction, at one moment, announced together by publishReady. */
export class ReadyNews {
  readonly at = new Date();
  readonly collections: Array<{ collectionId: string; orderId: string; deadline: string }> = [];
}
/** A delayed job may fire a moment before the deadline as PostgreSQL sees it; that is still due. */
const DUE_SLACK_MS = 2000;

/**
 * The moves of a collection that are not a person's request: ready with a code once its parcels are in,
 * reminded, returned at the deadline. Every method runs inside the caller's transaction, and writes its
 * notification and outbox events there.
 */
@Injectable()
export class CollectionLifecycle {
  constructor(
    private readonly env: Env,
    private readonly codes: PickupCodes,
    private readonly notifier: Notifier,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * After a parcel was received or reported: ready when none of the order's dispatched parcels is still
   * expected and at least one was received; cancelled when none arrived whole.
   */
  async settle(tx: EntityManager, collectionId: string, ready?: ReadyNews): Promise<void> {
    const c = await lockCollection(tx, collectionId);
    if (!c || (c.status !== 'expected' && c.status !== 'waiting')) return;
    const [n] = await queryRows<{ expected: number; received: number }>(
      tx,
      `SELECT count(*) FILTER (WHERE status = 'expected')::int AS expected, count(*) FILTER (WHERE status = 'received')::int AS received
         FROM pickup.parcels WHERE collection_id = $1`,
      [collectionId],
    );
    if (c.status === 'expected' && n.expected === 0) {
      if (n.received > 0) await this.makeReady(tx, c, ready);
      else await this.cancel(tx, c);
    } else if (c.status === 'waiting' && n.expected === 0 && n.received === 0) {
      await this.cancel(tx, c);
    }
  }

  private async makeReady(tx: EntityManager, c: CollectionRow, ready?: ReadyNews): Promise<void> {
    assertCollectionTransition(c.status, 'waiting');
    const news = ready ?? new ReadyNews();
    const readyAt = news.at;
    const goods = await receivedGoods(tx, c.id);
    const { deadline, remindAt } = holdPlan(readyAt, goods.perishable, this.env.PICKUP_HOLD_DAYS, this.env.PICKUP_HOLD_DAYS_PERISHABLE);
    const code = await this.withFreshCode(tx, c.point_id, (digest) =>
      tx.query(
        `UPDATE pickup.collections SET status = 'waiting', code_hmac = $2, code_issued_at = now(), ready_at = $3, deadline = $4, remind_at = $5,
                wrong_attempts = 0, locked_at = NULL, updated_at = now()
          WHERE id = $1`,
        [c.id, digest, readyAt, deadline, remindAt],
      ),
    );
    await this.sendCode(tx, c, code, deadline, false);
    news.collections.push({ collectionId: c.id, orderId: c.order_id, deadline: deadline.toISOString() });
    if (!ready) await this.publishReady(tx, c.point_id, news);
    await this.outbox.publish(tx, 'pickup', 'pickup.collection.remind', { collectionId: c.id }, { deliverAt: remindAt });
    await this.outbox.publish(tx, 'pickup', 'pickup.collection.expire', { collectionId: c.id }, { deliverAt: deadline });
  }

  /** One message for every collection a scan, check-in or report made ready. */
  async publishReady(tx: EntityManager, pointId: string, ready: ReadyNews): Promise<void> {
    if (!ready.collections.length) return;
    await this.outbox.publish(tx, 'pickup', 'pickup.collections.ready', { pointId, at: ready.at.toISOString(), collections: ready.collections });
  }

  /** A new code for a waiting (or locked) collection: unlocked, attempts reset, the old code dead. */
  async renewCode(tx: EntityManager, c: CollectionRow): Promise<string> {
    const code = await this.withFreshCode(tx, c.point_id, (digest) =>
      tx.query(
        `UPDATE pickup.collections SET code_hmac = $2, code_issued_at = now(), wrong_attempts = 0, locked_at = NULL, updated_at = now() WHERE id = $1`,
        [c.id, digest],
      ),
    );
    await retireCodeNotifications(tx, c.id);
    return this.sendCode(tx, c, code, c.deadline!, true);
  }

  /** The code was locked by wrong tries at the counter: the buyer hears it, and how to get a new one. */
  async codeLocked(tx: EntityManager, c: CollectionRow, attempts: number): Promise<void> {
    await this.tellBuyer(tx, c, 'pickup_code_locked', (pointName) => codeLockedMessage({ pointName, attempts }));
  }

  /** Due reminder: once, only while the collection still waits and its deadline is ahead. */
  async remind(tx: EntityManager, collectionId: string): Promise<boolean> {
    const c = await lockCollection(tx, collectionId);
    if (!c || c.status !== 'waiting' || c.reminded_at || !c.deadline || new Date(c.deadline).getTime() <= Date.now()) return false;
    await tx.query(`UPDATE pickup.collections SET reminded_at = now(), updated_at = now() WHERE id = $1`, [c.id]);
    const deadline = new Date(c.deadline);
    await this.tellBuyer(tx, c, 'pickup_reminder', (pointName) => remindMessageFor({ pointName, deadline }), { deadline: deadline.toISOString() });
    return true;
  }

  /**
   * At the deadline an uncollected collection goes back: its parcels are returned (and stop taking space
   * at the point), the buyer is told, and order and logistics hear which producers' goods return.
   */
  async expire(tx: EntityManager, collectionId: string): Promise<boolean> {
    const c = await lockCollection(tx, collectionId);
    if (!c || c.status !== 'waiting' || !c.deadline || new Date(c.deadline).getTime() > Date.now() + DUE_SLACK_MS) return false;
    assertCollectionTransition(c.status, 'returned');
    const returned = await queryRows<{ producer_id: string }>(
      tx,
      `UPDATE pickup.parcels SET status = 'returned', returned_at = now(), updated_at = now()
        WHERE collection_id = $1 AND status = 'received' RETURNING producer_id`,
      [c.id],
    );
    await tx.query(
      `UPDATE pickup.collections SET status = 'returned', returned_at = now(), code_hmac = NULL, updated_at = now() WHERE id = $1`,
      [c.id],
    );
    await retireCodeNotifications(tx, c.id);
    await this.tellBuyer(tx, c, 'pickup_returned', (pointName) => returnedMessage({ pointName }));
    await this.outbox.publish(tx, 'pickup', 'pickup.collection.returned', {
      collectionId: c.id,
      orderId: c.order_id,
      pointId: c.point_id,
      producerIds: [...new Set(returned.map((r) => r.producer_id))].sort(),
      at: new Date().toISOString(),
    });
    return true;
  }

  private async cancel(tx: EntityManager, c: CollectionRow): Promise<void> {
    assertCollectionTransition(c.status, 'cancelled');
    await tx.query(`UPDATE pickup.collections SET status = 'cancelled', code_hmac = NULL, updated_at = now() WHERE id = $1`, [c.id]);
    await retireCodeNotifications(tx, c.id);
  }

  private sendCode(tx: EntityManager, c: CollectionRow, code: string, deadline: Date, renewed: boolean): Promise<string> {
    return this.tellBuyer(tx, c, 'pickup_code', (pointName) => pickupCodeMessage({ pointName, deadline, renewed }), {
      code,
      deadline: deadline.toISOString(),
    });
  }

  /** Tells the collection's buyer: the point's name goes into the text and, with the ids, into the data. */
  private async tellBuyer(
    tx: EntityManager,
    c: CollectionRow,
    kind: NotificationKind,
    text: (pointName: string) => Pick<NewNotification, 'title' | 'body'>,
    data: Record<string, unknown> = {},
  ): Promise<string> {
    const pointName = await this.pointName(tx, c.point_id);
    return this.notifier.notify(tx, {
      userId: c.buyer_id,
      kind,
      orderId: c.order_id,
      collectionId: c.id,
      ...text(pointName),
      data: { ...data, collectionId: c.id, pointId: c.point_id, pointName },
    });
  }

  /**
   * Draws codes until one is free among the point's waiting collections; the partial unique index decides,
   * and a savepoint keeps the transaction alive across a collision.
   */
  private async withFreshCode(tx: EntityManager, pointId: string, apply: (digest: string) => Promise<unknown>): Promise<string> {
    for (let i = 0; i < CODE_TRIES; i++) {
      const code = newPickupCode();
      await tx.query('SAVEPOINT pickup_code');
      try {
        await apply(this.codes.digest(pointId, code));
        await tx.query('RELEASE SAVEPOINT pickup_code');
        return code;
      } catch (err) {
        if (pgCode(err) !== PG_UNIQUE_VIOLATION || pgConstraint(err) !== 'collections_waiting_code') throw err;
        await tx.query('ROLLBACK TO SAVEPOINT pickup_code');
      }
    }
    throw new Error(`no free pickup code at point ${pointId} after ${CODE_TRIES} draws`);
  }

  private async pointName(tx: EntityManager, pointId: string): Promise<string> {
    const [p] = await queryRows<{ name: string }>(tx, `SELECT name FROM pickup.points WHERE id = $1`, [pointId]);
    return p?.name ?? '';
  }
}

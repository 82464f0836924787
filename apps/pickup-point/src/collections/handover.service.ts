import { Injectable } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { Env } from '@app/config';
import { UnitOfWork } from '@app/database';
import { AppError, invalid } from '@app/errors';
import { OutboxService } from '@app/queue';
import { managedPoint } from '../operations/point-access';
import { CodeAttemptLimiter } from './code-limiter';
import { commissionFen } from '../earnings/commission';
import { assertCollectionTransition } from './collection-status';
import { receivedGoods, requireCollection, retireCodeNotifications } from './collection-store';
import { CollectionLifecycle } from './collection-lifecycle';
import { CollectionsService } from './collections.service';
import { HandoverDto, Settlement } from './dto/collections.dto';
import { PickupCodes } from './pickup-codes';

type Outcome = { kind: 'wrong'; attemptsLeft: number; locked: boolean } | { kind: 'done'; collectionId: string };

/**
 * Staff hand a waiting collection over against the buyer's code. The code is checked against its HMAC with
 * the collection row locked, so two counters cannot both use it; it works once. A wrong code is counted on
 * the collection (locked after PICKUP_CODE_MAX_ATTEMPTS) and on the staff account (CodeAttemptLimiter),
 * and that count is committed even though the request fails.
 */
@Injectable()
export class HandoverService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly env: Env,
    private readonly codes: PickupCodes,
    private readonly limiter: CodeAttemptLimiter,
    private readonly outbox: OutboxService,
    private readonly collections: CollectionsService,
    private readonly lifecycle: CollectionLifecycle,
  ) {}

  async handover(caller: AuthUser, pointId: string, collectionId: string, dto: HandoverDto) {
    await this.limiter.check(caller.id);
    const max = this.env.PICKUP_CODE_MAX_ATTEMPTS;
    const outcome = await this.uow.run<Outcome>(async (tx) => {
      const point = await managedPoint(tx, caller, pointId);
      const c = await requireCollection(tx, collectionId, pointId);
      if (c.status === 'handed_over') throw new AppError('CONFLICT', 'This collection was already handed over: a pickup code works once', { reason: 'ALREADY_HANDED_OVER' });
      if (c.status !== 'waiting') {
        if (c.status === 'expected') throw new AppError('INVALID_TRANSITION', 'Not all parcels of this order are in yet: receive them first', { status: c.status });
        assertCollectionTransition(c.status, 'handed_over');
      }
      if (c.locked_at) {
        throw new AppError('CONFLICT', `This collection is locked after ${max} wrong codes: the buyer must ask for a new code in the app`, { reason: 'PICKUP_CODE_LOCKED' });
      }
      const settlement = settlementFor(c.payment_method, dto.settlement);
      if (!this.codes.matches(pointId, dto.code, c.code_hmac)) {
        const attempts = c.wrong_attempts + 1;
        const locked = attempts >= max;
        await tx.query(`UPDATE pickup.collections SET wrong_attempts = $2, locked_at = CASE WHEN $3 THEN now() ELSE locked_at END, updated_at = now() WHERE id = $1`, [
          c.id,
          attempts,
          locked,
        ]);
        if (locked) await this.lifecycle.codeLocked(tx, c, attempts);
        return { kind: 'wrong', attemptsLeft: max - attempts, locked };
      }
      const goods = await receivedGoods(tx, c.id);
      const at = new Date();
      const paidAtPickupFen = c.payment_method === 'pay_at_pickup' ? goods.goodsFen : 0;
      await tx.query(`UPDATE pickup.parcels SET status = 'handed_over', handed_over_at = $2, updated_at = now() WHERE collection_id = $1 AND status = 'received'`, [
        c.id,
        at,
      ]);
      await tx.query(
        `UPDATE pickup.collections SET status = 'handed_over', code_hmac = NULL, handed_over_at = $2, handed_over_by = $3, settlement = $4,
                paid_at_pickup_fen = $5, goods_fen = $6, commission_bps = $7, commission_fen = $8, updated_at = now()
          WHERE id = $1`,
        [c.id, at, caller.id, settlement, paidAtPickupFen, goods.goodsFen, point.commission_bps, commissionFen(goods.goodsFen, point.commission_bps)],
      );
      await retireCodeNotifications(tx, c.id);
      await this.outbox.publish(tx, 'pickup', 'pickup.collection.handed_over', {
        collectionId: c.id,
        orderId: c.order_id,
        pointId,
        paidAtPickupFen,
        settlement,
        at: at.toISOString(),
      });
      return { kind: 'done', collectionId: c.id };
    });
    if (outcome.kind === 'done') return this.collections.collectionWithParcels(this.uow.dataSource.manager, outcome.collectionId);
    await this.limiter.failed(caller.id);
    if (outcome.locked) {
      throw new AppError('CONFLICT', `Wrong pickup code. The collection is now locked after ${max} wrong codes: the buyer must ask for a new code in the app`, {
        reason: 'PICKUP_CODE_LOCKED',
        attemptsLeft: 0,
      });
    }
    const message = `the pickup code is wrong; ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'attempt' : 'attempts'} left before the collection locks`;
    throw new AppError('VALIDATION_FAILED', `code: ${message}`, { reason: 'WRONG_PICKUP_CODE', attemptsLeft: outcome.attemptsLeft }, [{ field: 'code', message }]);
  }
}

/** Pay-at-pickup orders say how the buyer paid at the counter; online orders were settled online. */
function settlementFor(method: 'online' | 'pay_at_pickup', given: HandoverDto['settlement']): Settlement {
  if (method === 'pay_at_pickup') {
    if (!given || given === 'online') throw invalid('settlement', 'this order is paid at pickup: settlement must be cash, wechat or alipay');
    return given;
  }
  if (given && given !== 'online') throw invalid('settlement', 'this order was paid online: leave settlement out (or send online)');
  return 'online';
}

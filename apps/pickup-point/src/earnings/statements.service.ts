import { Injectable } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { TIME_ZONE } from '@app/contracts';
import { queryRows, UnitOfWork } from '@app/database';
import { managedPoint } from '../operations/point-access';
import { StatementDto } from './dto/statement.dto';

interface HandoverLine {
  id: string;
  order_id: string;
  handed_over_at: Date;
  settlement: 'online' | 'cash' | 'wechat' | 'alipay';
  paid_at_pickup_fen: number;
  goods_fen: number;
  commission_bps: number;
  commission_fen: number;
  parcels: number;
}

/**
 * A point's day (China time): each handover with the goods value and the commission fixed at handover, and
 * the money taken at the counter by settlement. Commission follows the rate at the time of each handover,
 * so changing a point's rate never rewrites past statements.
 */
@Injectable()
export class StatementsService {
  constructor(private readonly uow: UnitOfWork) {}

  async daily(caller: AuthUser, pointId: string, dto: StatementDto) {
    const db = this.uow.dataSource.manager;
    const point = await managedPoint(db, caller, pointId);
    const lines = await queryRows<HandoverLine>(
      db,
      `SELECT c.id, c.order_id, c.handed_over_at, c.settlement, c.paid_at_pickup_fen, c.goods_fen, c.commission_bps, c.commission_fen,
              (SELECT count(*)::int FROM pickup.parcels p WHERE p.collection_id = c.id AND p.status = 'handed_over') AS parcels
         FROM pickup.collections c
        WHERE c.point_id = $1 AND c.status = 'handed_over'
          AND c.handed_over_at >= ($2::date::timestamp AT TIME ZONE '${TIME_ZONE}')
          AND c.handed_over_at < (($2::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')
        ORDER BY c.handed_over_at, c.id`,
      [pointId, dto.day],
    );
    const sum = (pick: (l: HandoverLine) => number) => lines.reduce((a, l) => a + pick(l), 0);
    const collected = (s: HandoverLine['settlement']) => sum((l) => (l.settlement === s ? l.paid_at_pickup_fen : 0));
    return {
      pointId,
      day: dto.day,
      timeZone: TIME_ZONE,
      commissionBps: point.commission_bps,
      handovers: lines.length,
      parcels: sum((l) => l.parcels),
      goodsFen: sum((l) => l.goods_fen),
      commissionFen: sum((l) => l.commission_fen),
      collectedAtPickup: { cashFen: collected('cash'), wechatFen: collected('wechat'), alipayFen: collected('alipay'), totalFen: sum((l) => l.paid_at_pickup_fen) },
      lines: lines.map((l) => ({
        collectionId: l.id,
        orderId: l.order_id,
        handedOverAt: new Date(l.handed_over_at).toISOString(),
        parcels: l.parcels,
        goodsFen: l.goods_fen,
        commissionBps: l.commission_bps,
        commissionFen: l.commission_fen,
        settlement: l.settlement,
        paidAtPickupFen: l.paid_at_pickup_fen,
      })),
    };
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { UnitOfWork } from '@app/database';
import { conflict, invalid, notFound } from '@app/errors';
import { IdPipe } from '@app/http';
import { findOrder } from '../orders/order-store';
import { loadOrderView } from '../orders/order.view';
import { AdminRefundDto, ListRefundsDto } from './dto/refunds.dto';
import { RefundsService } from './refunds.service';

/** Admins see every refund and can give money back to settle a dispute. */
@ApiTags('ordering: refunds')
@ApiBearerAuth()
@Roles('admin')
@Controller('api')
export class RefundsController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly refunds: RefundsService,
  ) {}

  @Get('refunds')
  async list(@Query() dto: ListRefundsDto) {
    return { items: await this.rows(`($1::text IS NULL OR r.status = $1) ORDER BY r.created_at DESC LIMIT $2`, [dto.status ?? null, dto.limit ?? 50]) };
  }

  /** A refund the provider failed, asked for again (once; see RefundsService.retry). Answers the new refund. */
  @Post('refunds/:id/retry')
  @HttpCode(201)
  async retry(@CurrentUser() admin: AuthUser, @Param('id', IdPipe) id: string) {
    const again = await this.uow.run((tx) => this.refunds.retry(tx, id, admin.id));
    return (await this.rows(`r.id = $1`, [again]))[0];
  }

  private rows(where: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    return this.uow.dataSource.query(
      `SELECT r.id, r.order_id AS "orderId", r.amount_fen AS "amountFen", r.kind, r.reason, r.requested_by AS "requestedBy", r.status, r.provider_ref AS "providerRef",
              r.retry_of AS "retryOf", (SELECT x.id FROM ordering.refunds x WHERE x.retry_of = r.id) AS "retriedBy",
              r.created_at AS "createdAt", r.updated_at AS "updatedAt"
       FROM ordering.refunds r WHERE ${where}`,
      params,
    );
  }

  @Post('orders/:id/refunds')
  @HttpCode(200)
  async refund(@CurrentUser() admin: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: AdminRefundDto) {
    await this.uow.run(async (tx) => {
      const order = await findOrder(tx, id, true);
      if (!order || order.status === 'creating') throw notFound('Order');
      const { paymentId, paidFen, refundedFen } = await this.refunds.refundable(tx, id);
      if (!paymentId) throw conflict('Nothing was paid online for this order, so there is nothing to refund');
      if (dto.amountFen > paidFen - refundedFen) throw invalid('amountFen', `at most ${paidFen - refundedFen} fen is left to refund`);
      await this.refunds.request(tx, id, { kind: 'admin', note: dto.reason, by: admin.id }, dto.amountFen);
    });
    return loadOrderView(this.uow.dataSource, id, false);
  }
}

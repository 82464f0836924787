import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { CheckoutService } from './checkout.service';
import { ListOrdersDto, PlaceOrderDto } from './dto/place-order.dto';
import { OrdersService } from './orders.service';

@ApiTags('ordering: orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrdersController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  /** Places an order; the same Idempotency-Key returns the same order (200 instead of 201). */
  @Roles('buyer')
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async place(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: PlaceOrderDto,
    @Res({ passthrough: true }) reply: { status(code: number): void },
  ) {
    const { created, order } = await this.checkout.place(user, key, dto);
    reply.status(created ? 201 : 200);
    return order;
  }

  @Roles('buyer')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() dto: ListOrdersDto) {
    return this.orders.list(user, dto.limit);
  }

  @Roles('buyer', 'admin')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.orders.get(user, id);
  }

  @Roles('buyer', 'admin')
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.orders.cancel(user, id);
  }

  @Roles('buyer')
  @Post(':id/payment')
  @HttpCode(200)
  retryPayment(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string) {
    return this.orders.retryPayment(user, id);
  }
}

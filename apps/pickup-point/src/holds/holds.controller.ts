import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { HoldSlotDto } from './dto/hold.dto';
import { HoldsService } from './holds.service';

/** Pickup slot holds, for the order service (service tokens) and admins; never for buyers directly. */
@ApiTags('pickup points: slot holds')
@ApiBearerAuth()
@Roles('service', 'admin')
@Controller('api/pickup-points/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post()
  hold(@CurrentUser() caller: AuthUser, @Body() dto: HoldSlotDto) {
    return this.holds.hold(caller, dto);
  }

  @Get(':orderId')
  get(@CurrentUser() caller: AuthUser, @Param('orderId') orderId: string) {
    return this.holds.get(caller, orderId);
  }

  /** Answers the released hold, or null for an order that never held a slot. */
  @Post(':orderId/release')
  @HttpCode(200)
  release(@CurrentUser() caller: AuthUser, @Param('orderId') orderId: string) {
    return this.holds.release(caller, orderId);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { ReserveStockDto } from './dto/reservation.dto';
import { ReservationsService } from './reservations.service';

/** Stock reservations, for the order service (service tokens) and admins; never for buyers directly. */
@ApiTags('catalog: stock reservations')
@ApiBearerAuth()
@Roles('service', 'admin')
@Controller('api/catalog/reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  reserve(@CurrentUser() caller: AuthUser, @Body() dto: ReserveStockDto) {
    return this.reservations.reserve(caller, dto);
  }

  @Get(':id')
  get(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string) {
    return this.reservations.get(caller, id);
  }

  @Post(':id/commit')
  @HttpCode(200)
  commit(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string) {
    return this.reservations.commit(caller, id);
  }

  @Post(':id/restock')
  @HttpCode(200)
  restock(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string) {
    return this.reservations.restock(caller, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  release(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string) {
    return this.reservations.release(caller, id);
  }
}

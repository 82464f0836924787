import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { ListParcelsDto, ReceiveParcelDto, ReportProblemDto } from './dto/receiving.dto';
import { ReceivingService } from './receiving.service';

/** Receiving at a pickup point, for its staff and admins. */
@ApiTags('pickup points: receiving')
@ApiBearerAuth()
@Roles('staff', 'admin')
@Controller('api/pickup-points/:id')
export class ReceivingController {
  constructor(private readonly receiving: ReceivingService) {}

  @Get('parcels')
  list(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Query() dto: ListParcelsDto) {
    return this.receiving.list(caller, id, dto);
  }

  @Post('receive')
  @HttpCode(200)
  receive(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: ReceiveParcelDto) {
    return this.receiving.receive(caller, id, dto);
  }

  @Post('shipments/:shipmentId/check-in')
  @HttpCode(200)
  checkIn(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Param('shipmentId', IdPipe) shipmentId: string) {
    return this.receiving.checkIn(caller, id, shipmentId);
  }

  @Post('parcels/:parcelId/problem')
  @HttpCode(200)
  problem(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Param('parcelId', IdPipe) parcelId: string, @Body() dto: ReportProblemDto) {
    return this.receiving.reportProblem(caller, id, parcelId, dto);
  }
}

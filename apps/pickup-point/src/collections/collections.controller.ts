import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { CollectionsService } from './collections.service';
import { HandoverDto, ListCollectionsDto } from './dto/collections.dto';
import { HandoverService } from './handover.service';

/** Collections at a point and their handover, for its staff and admins. No answer here ever holds a pickup code. */
@ApiTags('pickup points: collections')
@ApiBearerAuth()
@Controller('api/pickup-points')
export class CollectionsController {
  constructor(
    private readonly collections: CollectionsService,
    private readonly handovers: HandoverService,
  ) {}

  /** The buyer's own order: a new pickup code, sent as a notification. */
  @Roles('buyer')
  @Post('collections/by-order/:orderId/new-code')
  @HttpCode(200)
  newCode(@CurrentUser() caller: AuthUser, @Param('orderId', IdPipe) orderId: string) {
    return this.collections.newCode(caller, orderId);
  }

  @Roles('staff', 'admin')
  @Get(':id/collections')
  list(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Query() dto: ListCollectionsDto) {
    return this.collections.list(caller, id, dto);
  }

  @Roles('staff', 'admin')
  @Get(':id/parcels/by-code/:parcelCode')
  byParcelCode(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Param('parcelCode') parcelCode: string) {
    return this.collections.byParcelCode(caller, id, parcelCode);
  }

  @Roles('staff', 'admin')
  @Post(':id/collections/:collectionId/handover')
  @HttpCode(200)
  handover(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Param('collectionId', IdPipe) collectionId: string, @Body() dto: HandoverDto) {
    return this.handovers.handover(caller, id, collectionId, dto);
  }
}

import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Public, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { ParcelsService } from './parcels.service';

@ApiTags('logistics: parcels')
@Controller('api/logistics')
export class ParcelsController {
  constructor(private readonly parcels: ParcelsService) {}

  /** The printable label (SVG) of a parcel: the farmer who packed it, or an admin. */
  @ApiBearerAuth()
  @ApiProduces('image/svg+xml')
  @Roles('farmer', 'admin')
  @Get('parcels/:id/label')
  @Header('cache-control', 'private, no-store')
  async label(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { code, svg } = await this.parcels.label(user, id);
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    reply.header('content-disposition', `inline; filename="${code}.svg"`);
    return svg;
  }

  /** The public trace page's data: the farm and the goods, never the buyer. */
  @Public()
  @Get('trace/:traceCode')
  trace(@Param('traceCode') traceCode: string) {
    return this.parcels.trace(traceCode);
  }
}

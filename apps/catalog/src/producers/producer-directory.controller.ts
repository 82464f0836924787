import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { notFound } from '@app/errors';
import { IdPipe } from '@app/http';
import { LookupProductsDto } from '../products/dto/lookup.dto';
import { ProducerDirectoryService } from './producer-directory.service';

/** The ProducerDirectory over HTTP, for services in other processes (service tokens) and admins. */
@ApiTags('catalog: directory for services')
@ApiBearerAuth()
@Roles('service', 'admin')
@Controller('api/catalog/directory')
export class ProducerDirectoryController {
  constructor(private readonly directory: ProducerDirectoryService) {}

  @Get('producers/by-user/:userId')
  async ofUser(@Param('userId', IdPipe) userId: string) {
    const found = await this.directory.ofUser(userId);
    if (!found) throw notFound('Producer');
    return found;
  }

  @Post('producers')
  @HttpCode(200)
  async producers(@Body() dto: LookupProductsDto) {
    return { items: await this.directory.producers(dto.ids) };
  }

  @Post('origins')
  @HttpCode(200)
  async origins(@Body() dto: LookupProductsDto) {
    return { items: await this.directory.origins(dto.ids) };
  }
}

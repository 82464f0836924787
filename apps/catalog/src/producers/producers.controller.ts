import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Public, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { MyProductsDto } from '../products/dto/my-products.dto';
import { ProductsService } from '../products/products.service';
import { CreateProducerDto, ListProducersDto, ReviewProducerDto, UpdateProducerDto } from './dto/producer.dto';
import { ProducersService } from './producers.service';

@ApiTags('catalog: producers')
@ApiBearerAuth()
@Controller('api/catalog/producers')
export class ProducersController {
  constructor(
    private readonly producers: ProducersService,
    private readonly products: ProductsService,
  ) {}

  @Roles('farmer')
  @Post()
  apply(@CurrentUser() user: AuthUser, @Body() dto: CreateProducerDto) {
    return this.producers.apply(user, dto);
  }

  @Roles('farmer')
  @Get('me')
  mine(@CurrentUser() user: AuthUser) {
    return this.producers.mine(user);
  }

  @Roles('farmer')
  @Patch('me')
  updateMine(@CurrentUser() user: AuthUser, @Body() dto: UpdateProducerDto) {
    return this.producers.updateMine(user, dto);
  }

  @Roles('farmer')
  @Get('me/products')
  myProducts(@CurrentUser() user: AuthUser, @Query() dto: MyProductsDto) {
    return this.products.listMine(user, dto);
  }

  @Public()
  @Get()
  list(@CurrentUser() user: AuthUser | undefined, @Query() dto: ListProducersDto) {
    return this.producers.list(user, dto);
  }

  @Public()
  @Get(':id')
  get(@CurrentUser() user: AuthUser | undefined, @Param('id', IdPipe) id: string) {
    return this.producers.get(user, id);
  }

  @Roles('admin')
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: ReviewProducerDto) {
    return this.producers.review(user, id, dto);
  }
}

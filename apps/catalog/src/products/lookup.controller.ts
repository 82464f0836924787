import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { LookupProductsDto } from './dto/lookup.dto';
import { ProductLookupService } from './lookup.service';

@ApiTags('catalog: products')
@Controller('api/catalog/products/lookup')
export class LookupController {
  constructor(private readonly lookupService: ProductLookupService) {}

  /** Prices and saleability of up to 100 products, for carts; only public fields. */
  @Public()
  @Post()
  @HttpCode(200)
  lookup(@Body() dto: LookupProductsDto) {
    return this.lookupService.lookup(dto.ids).then((items) => ({ items }));
  }
}

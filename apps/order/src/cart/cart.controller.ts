import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { CartService } from './cart.service';
import { SetCartLineDto } from './dto/cart.dto';

@ApiTags('ordering: cart')
@ApiBearerAuth()
@Roles('buyer')
@Controller('api/cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  view(@CurrentUser() user: AuthUser) {
    return this.cart.view(user);
  }

  @Put('lines/:productId')
  setLine(@CurrentUser() user: AuthUser, @Param('productId', IdPipe) productId: string, @Body() dto: SetCartLineDto) {
    return this.cart.setLine(user, productId, dto.quantity);
  }

  @Delete('lines/:productId')
  removeLine(@CurrentUser() user: AuthUser, @Param('productId', IdPipe) productId: string) {
    return this.cart.removeLine(user, productId);
  }

  @Delete()
  clear(@CurrentUser() user: AuthUser) {
    return this.cart.clear(user);
  }
}

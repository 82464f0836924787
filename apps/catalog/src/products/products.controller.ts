import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Public, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { BrowseProductsDto } from '../browse/browse.dto';
import { BrowseService } from '../browse/browse.service';
import { MAX_UPLOAD_BYTES } from '../photos/image-processing';
import { PhotosService } from '../photos/photos.service';
import { ChangeStatusDto, CreateProductDto, SetStockDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('catalog: products')
@ApiBearerAuth()
@Controller('api/catalog/products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly browseService: BrowseService,
    private readonly photos: PhotosService,
  ) {}

  @Public()
  @Get()
  async browse(@Query() dto: BrowseProductsDto, @Res({ passthrough: true }) reply: { type(t: string): void }) {
    reply.type('application/json; charset=utf-8');
    return this.browseService.page(dto);
  }

  @Public()
  @Get(':id')
  get(@CurrentUser() user: AuthUser | undefined, @Param('id', IdPipe) id: string) {
    return this.products.getForCaller(user, id);
  }

  @Roles('farmer')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProductDto) {
    return this.products.create(user, dto);
  }

  @Roles('farmer')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(user, id, dto);
  }

  @Roles('farmer')
  @Put(':id/stock')
  setStock(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: SetStockDto) {
    return this.products.setStock(user, id, dto);
  }

  @Roles('farmer', 'admin')
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: ChangeStatusDto) {
    return this.products.changeStatus(user, id, dto);
  }

  @Roles('farmer')
  @Post(':id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0 } }))
  addPhoto(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @UploadedFile() file: UploadedMultipartFile | undefined) {
    return this.photos.add(user, id, file);
  }

  @Roles('farmer')
  @Delete(':id/photos/:photoId')
  removePhoto(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: string, @Param('photoId', IdPipe) photoId: string) {
    return this.photos.remove(user, id, photoId);
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PRODUCER_DIRECTORY, PRODUCT_LOOKUP_CLIENT, STOCK_CLIENT } from '@app/contracts';
import { BrowseService } from './browse/browse.service';
import { LocalDiskStorage } from './photos/local-disk.storage';
import { PhotoStorage } from './photos/photo-storage';
import { PhotosService } from './photos/photos.service';
import { ProducerDirectoryController } from './producers/producer-directory.controller';
import { ProducerDirectoryService } from './producers/producer-directory.service';
import { Producer } from './producers/producer.entity';
import { ProducersController } from './producers/producers.controller';
import { ProducersService } from './producers/producers.service';
import { LookupController } from './products/lookup.controller';
import { ProductLookupService } from './products/lookup.service';
import { Product } from './products/product.entity';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { Reservation } from './stock/reservation.entity';
import { ReservationJobs } from './stock/reservation.jobs';
import { ReservationsController } from './stock/reservations.controller';
import { ReservationsService } from './stock/reservations.service';
import { InProcessStockClient } from './stock/stock-client.in-process';

/** Producers, products, photos, stock and search. Schema: catalog. */
@Module({
  imports: [TypeOrmModule.forFeature([Producer, Product, Reservation])],
  controllers: [ProducersController, LookupController, ProductsController, ReservationsController, ProducerDirectoryController],
  providers: [
    ProducersService,
    ProductsService,
    BrowseService,
    PhotosService,
    ReservationsService,
    ReservationJobs,
    { provide: PhotoStorage, useClass: LocalDiskStorage },
    ProductLookupService,
    { provide: STOCK_CLIENT, useClass: InProcessStockClient },
    { provide: PRODUCT_LOOKUP_CLIENT, useExisting: ProductLookupService },
    ProducerDirectoryService,
    { provide: PRODUCER_DIRECTORY, useExisting: ProducerDirectoryService },
  ],
  exports: [STOCK_CLIENT, PRODUCT_LOOKUP_CLIENT, PRODUCER_DIRECTORY],
})
export class CatalogModule {}

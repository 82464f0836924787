import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthUser, isAdmin, requireOwner, requireRole } from '@app/auth';
import { afterCommit, decodeCursor, encodeCursor, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { patchFields } from '@app/http';
import { OutboxService } from '@app/queue';
import { Producer } from '../producers/producer.entity';
import { ProducersService } from '../producers/producers.service';
import { ProductLookupService } from './lookup.service';
import { ChangeStatusDto, CreateProductDto, SetStockDto, UpdateProductDto } from './dto/product.dto';
import { MyProductsDto } from './dto/my-products.dto';
import { checkProductRules } from './product-rules';
import { assertProductTransition } from './product-status';
import { Product } from './product.entity';
import { ownerProductView, publicProductView } from './product.view';
import { writeSearchVector } from './search-document';

const NULLABLE_PRODUCT_FIELDS = [
  'titleEn', 'descriptionEn', 'unitNote', 'grade', 'harvestFrom', 'harvestTo', 'expectedShipDate', 'shelfLifeDays',
] as const;

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Producer) private readonly producers: Repository<Producer>,
    private readonly producerService: ProducersService,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly lookup: ProductLookupService,
  ) {}

  /** Carts and checkout read this product afresh once `tx` commits. */
  changedIn(tx: EntityManager, id: string): void {
    afterCommit(tx, () => this.lookup.cache.forget([id]));
  }

  async create(caller: AuthUser, dto: CreateProductDto) {
    const producer = await this.producerService.requireOwn(caller);
    if (producer.status !== 'approved') {
      throw new AppError('FORBIDDEN', 'Your producer profile must be approved before you can list products');
    }
    checkProductRules(dto);
    const { stock, ...fields } = dto;
    return this.uow.run(async (tx) => {
      const repo = tx.getRepository(Product);
      const saved = await repo.save(
        repo.create({
          ...fields,
          titleEn: fields.titleEn ?? null,
          descriptionZh: fields.descriptionZh ?? '',
          descriptionEn: fields.descriptionEn ?? null,
          unitNote: fields.unitNote ?? null,
          grade: fields.grade ?? null,
          originCounty: fields.originCounty ?? producer.county,
          harvestFrom: fields.harvestFrom ?? null,
          harvestTo: fields.harvestTo ?? null,
          preSale: fields.preSale ?? false,
          expectedShipDate: fields.expectedShipDate ?? null,
          perishable: fields.perishable ?? false,
          shelfLifeDays: fields.shelfLifeDays ?? null,
          minOrderQty: fields.minOrderQty ?? 1,
          photos: [],
          status: 'draft',
          stockAvailable: stock ?? 0,
          stockReserved: 0,
          stockSold: 0,
          producerId: producer.id,
        }),
      );
      await writeSearchVector(tx, saved);
      return ownerProductView(await repo.findOneByOrFail({ id: saved.id }), producer);
    });
  }

  async update(caller: AuthUser, id: string, dto: UpdateProductDto) {
    return this.uow.run(async (tx) => {
      const { product, producer } = await this.loadOwned(tx, caller, id);
      if (product.status === 'archived') throw new AppError('INVALID_TRANSITION', 'An archived product cannot be edited');
      const before = { priceFen: product.priceFen };
      Object.assign(product, patchFields(dto, NULLABLE_PRODUCT_FIELDS));
      checkProductRules(product);
      const saved = await tx.getRepository(Product).save(product);
      this.changedIn(tx, id);
      await writeSearchVector(tx, saved);
      if (saved.priceFen !== before.priceFen) await this.changed(tx, saved);
      return ownerProductView(saved, producer);
    });
  }

  async setStock(caller: AuthUser, id: string, dto: SetStockDto) {
    return this.uow.run(async (tx) => {
      const { product, producer } = await this.loadOwned(tx, caller, id);
      if (product.status === 'archived') throw new AppError('INVALID_TRANSITION', 'An archived product has no stock to set');
      await tx.query(`UPDATE catalog.products SET stock_available = $2, updated_at = now() WHERE id = $1`, [id, dto.available]);
      this.changedIn(tx, id);
      return ownerProductView(await tx.getRepository(Product).findOneByOrFail({ id }), producer);
    });
  }

  /** Owners move their products through the status machine; an admin may pause anyone's. */
  async changeStatus(caller: AuthUser, id: string, dto: ChangeStatusDto) {
    return this.uow.run(async (tx) => {
      const { product, producer } = isAdmin(caller) ? await this.loadAny(tx, id) : await this.loadOwned(tx, caller, id);
      if (isAdmin(caller) && dto.status !== 'paused') throw new AppError('FORBIDDEN', 'Admins may only pause products');
      assertProductTransition(product.status, dto.status);
      if (dto.status === 'active' && producer.status !== 'approved') {
        throw new AppError('FORBIDDEN', 'Your producer profile must be approved before products can go on sale');
      }
      product.status = dto.status;
      if (dto.status === 'active' && !product.publishedAt) product.publishedAt = new Date();
      const saved = await tx.getRepository(Product).save(product);
      this.changedIn(tx, id);
      await this.changed(tx, saved);
      return ownerProductView(saved, producer);
    });
  }

  /** Buyers see listed products; owners and admins see theirs in any state; others get 404. */
  async getForCaller(caller: AuthUser | undefined, id: string) {
    const product = await this.products.findOneBy({ id });
    if (!product) throw notFound('Product');
    const producer = await this.producers.findOneByOrFail({ id: product.producerId });
    const owner = caller?.role === 'farmer' && producer.userId === caller.id;
    if (owner || isAdmin(caller)) return ownerProductView(product, producer);
    if (product.status !== 'active' || producer.status !== 'approved') throw notFound('Product');
    return publicProductView(product, producer);
  }

  async listMine(caller: AuthUser, dto: MyProductsDto) {
    const producer = await this.producerService.requireOwn(caller);
    const limit = dto.limit ?? 20;
    const qb = this.products
      .createQueryBuilder('p')
      .where('p.producer_id = :pid', { pid: producer.id })
      .orderBy('p.seq', 'DESC')
      .limit(limit + 1);
    if (dto.status) qb.andWhere('p.status = :status', { status: dto.status });
    if (dto.cursor) {
      const [seq] = decodeCursor(dto.cursor, 'mine', ['int']);
      qb.andWhere('p.seq < :seq', { seq });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((p) => ownerProductView(p, producer)),
      nextCursor: rows.length > limit ? encodeCursor('mine', [Number(page[page.length - 1].seq)]) : null,
    };
  }

  /** Loads a product the caller (a farmer) owns, locked for the transaction, or 404. */
  async loadOwned(tx: EntityManager, caller: AuthUser, id: string): Promise<{ product: Product; producer: Producer }> {
    requireRole(caller, 'farmer');
    const product = await tx.getRepository(Product).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw notFound('Product');
    const producer = await tx.getRepository(Producer).findOneByOrFail({ id: product.producerId });
    requireOwner(caller, producer.userId, 'Product');
    return { product, producer };
  }

  private async loadAny(tx: EntityManager, id: string) {
    const product = await tx.getRepository(Product).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw notFound('Product');
    const producer = await tx.getRepository(Producer).findOneByOrFail({ id: product.producerId });
    return { product, producer };
  }

  private changed(tx: EntityManager, p: Product) {
    return this.outbox.publish(tx, 'catalog', 'catalog.product.changed', {
      productId: p.id,
      producerId: p.producerId,
      status: p.status,
      priceFen: p.priceFen,
    });
  }
}

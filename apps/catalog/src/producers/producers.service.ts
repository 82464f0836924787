import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthUser, isAdmin, requireOwnerOrAdmin, requireRole } from '@app/auth';
import { afterCommit, pgCode, PG_UNIQUE_VIOLATION, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { patchFields } from '@app/http';
import { OutboxService } from '@app/queue';
import { ProductLookupService } from '../products/lookup.service';
import { CreateProducerDto, ListProducersDto, ReviewProducerDto, UpdateProducerDto } from './dto/producer.dto';
import { reviewOutcome } from './producer-review';
import { Producer } from './producer.entity';
import { ownerProducerView, publicProducerView } from './producer.view';

@Injectable()
export class ProducersService {
  constructor(
    @InjectRepository(Producer) private readonly producers: Repository<Producer>,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly lookup: ProductLookupService,
  ) {}

  /** A farmer applies to become a producer; an admin reviews the application. */
  async apply(caller: AuthUser, dto: CreateProducerDto) {
    requireRole(caller, 'farmer');
    try {
      const saved = await this.producers.save(
        this.producers.create({
          ...dto,
          village: dto.village ?? null,
          certifications: dto.certifications ?? [],
          description: dto.description ?? '',
          userId: caller.id,
          status: 'pending',
        }),
      );
      return ownerProducerView(saved);
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('CONFLICT', 'You already have a producer profile; edit it instead');
      throw err;
    }
  }

  async mine(caller: AuthUser) {
    return ownerProducerView(await this.requireOwn(caller));
  }

  async updateMine(caller: AuthUser, dto: UpdateProducerDto) {
    return this.uow.run(async (tx) => {
      const producer = await this.requireOwn(caller, tx);
      Object.assign(producer, patchFields(dto, ['village']));
      // A rejected application that is edited goes back for review.
      if (producer.status === 'rejected') producer.status = 'pending';
      return ownerProducerView(await tx.getRepository(Producer).save(producer));
    });
  }

  async list(caller: AuthUser | undefined, dto: ListProducersDto) {
    const admin = isAdmin(caller);
    const qb = this.producers.createQueryBuilder('p').orderBy('p.created_at', 'DESC').limit(500);
    if (admin) {
      if (dto.status) qb.andWhere('p.status = :status', { status: dto.status });
    } else {
      qb.andWhere(`p.status = 'approved'`);
    }
    if (dto.county) qb.andWhere('p.county = :county', { county: dto.county });
    const rows = await qb.getMany();
    return { items: rows.map(admin ? ownerProducerView : publicProducerView) };
  }

  async get(caller: AuthUser | undefined, id: string) {
    const producer = await this.producers.findOneBy({ id });
    if (!producer) throw notFound('Producer');
    if (producer.status === 'approved' && !isAdmin(caller) && producer.userId !== caller?.id) return publicProducerView(producer);
    requireOwnerOrAdmin(caller, producer.userId, 'Producer');
    return ownerProducerView(producer);
  }

  async review(caller: AuthUser, id: string, dto: ReviewProducerDto) {
    requireRole(caller, 'admin');
    return this.uow.run(async (tx) => {
      const producer = await tx.getRepository(Producer).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!producer) throw notFound('Producer');
      producer.status = reviewOutcome(producer.status, dto.decision);
      producer.reviewNote = dto.note ?? null;
      producer.reviewedAt = new Date();
      const saved = await tx.getRepository(Producer).save(producer);
      // Whether every one of its products is on sale may have changed.
      afterCommit(tx, () => this.lookup.cache.forget());
      await this.outbox.publish(tx, 'catalog', 'catalog.producer.reviewed', { producerId: saved.id, userId: saved.userId, status: saved.status });
      return ownerProducerView(saved);
    });
  }

  /** The caller's own producer profile (any status), or 404. */
  async requireOwn(caller: AuthUser, tx?: EntityManager): Promise<Producer> {
    requireRole(caller, 'farmer');
    const repo = tx ? tx.getRepository(Producer) : this.producers;
    const producer = await repo.findOne({ where: { userId: caller.id }, lock: tx ? { mode: 'pessimistic_write' } : undefined });
    if (!producer) throw new AppError('NOT_FOUND', 'You have no producer profile yet: apply first');
    return producer;
  }
}

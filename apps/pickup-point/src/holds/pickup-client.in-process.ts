import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { PickupClient, PickupPointPlace, PickupPointSummary, SlotHoldView, toPickupPointSummary } from '@app/contracts';
import { createValidationPipe } from '@app/errors';
import { Point } from '../points/point.entity';
import { PointsService } from '../points/points.service';
import { HoldSlotDto } from './dto/hold.dto';
import { HoldsService } from './holds.service';

const CALLER: AuthUser = { id: 'service:in-process', role: 'service' };
const validation = createValidationPipe();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The PickupClient for services that share this process with the pickup-point service: no HTTP hop, but
 * the same input checks as the HTTP edge, so both adapters answer the same results and errors.
 */
@Injectable()
export class InProcessPickupClient implements PickupClient {
  constructor(
    private readonly points: PointsService,
    private readonly holds: HoldsService,
    @InjectRepository(Point) private readonly pointRows: Repository<Point>,
  ) {}

  point(pointId: string): Promise<PickupPointSummary | null> {
    return this.points.summary(pointId);
  }

  async hold(req: { orderId: string; pointId: string; day: string }): Promise<SlotHoldView> {
    const dto: HoldSlotDto = await validation.transform(req, { type: 'body', metatype: HoldSlotDto });
    // Checkout writes the order in this database right after, waiting for that flush (see commit-wait.ts).
    return this.holds.hold(CALLER, dto, 'no-wait');
  }

  release(orderId: string): Promise<SlotHoldView | null> {
    return this.holds.release(CALLER, orderId);
  }

  async places(ids: string[]): Promise<PickupPointPlace[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (!wanted.length) return [];
    const rows = await this.pointRows.findBy({ id: In(wanted) });
    return rows.map((p) => ({ ...toPickupPointSummary(p), lat: p.lat, lng: p.lng }));
  }
}

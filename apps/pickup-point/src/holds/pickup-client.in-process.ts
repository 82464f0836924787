import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import type { PickupClient, PickupPointPlace, PickupPointSummary, SlotHoldView } from '@app/contracts';
import { createValidationPipe } from '@app/errors';
import { PointsService } from '../points/points.service';
import { HoldSlotDto } from './dto/hold.dto';
import { HoldsService } from './holds.service';

const CALLER: AuthUser = { id: 'service:in-process', role: 'service' };
const validation = createValidationPipe();

/**
 * The PickupClient for services that share this process with the pickup-point service: no HTTP hop, but
 * the same input checks as the HTTP edge, so both adapters answer the same results and errors.
 */
@Injectable()
export class InProcessPickupClient implements PickupClient {
  constructor(
    private readonly points: PointsService,
    private readonly holds: HoldsService,
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

  places(ids: string[]): Promise<PickupPointPlace[]> {
    return this.points.places(ids);
  }
}

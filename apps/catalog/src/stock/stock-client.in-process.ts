import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import type { ReservationView, ReserveStockRequest, StockClient } from '@app/contracts';
import { ReservationsService } from './reservations.service';

const CALLER: AuthUser = { id: 'service:in-process', role: 'service' };

/**
 * The StockClient for services that share this process with the catalog: no HTTP hop, and the same database.
 * A reservation made here does not wait for its WAL flush: its one caller, checkout, writes the order in this
 * database right after and waits for that flush, which covers the reservation too (see commit-wait.ts).
 */
@Injectable()
export class InProcessStockClient implements StockClient {
  constructor(private readonly reservations: ReservationsService) {}

  reserve(req: ReserveStockRequest): Promise<ReservationView> {
    return this.reservations.reserve(CALLER, req, 'no-wait');
  }
  commit(id: string): Promise<ReservationView> {
    return this.reservations.commit(CALLER, id);
  }
  release(id: string): Promise<ReservationView> {
    return this.reservations.release(CALLER, id);
  }
  restock(id: string): Promise<ReservationView> {
    return this.reservations.restock(CALLER, id);
  }
}

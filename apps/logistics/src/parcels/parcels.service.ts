import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, isAdmin, requireRole } from '@app/auth';
import { countyZh, PICKUP_CLIENT, PickupClient, todayInChina, TRACE_CODE_PATTERN } from '@app/contracts';
import { notFound } from '@app/errors';
import { CallerProducer } from '../tasks/caller-producer';
import { parcelContents, TaskLine } from '../tasks/task-row';
import { renderLabel } from './label.svg';

interface TraceItem {
  productId: string;
  titleZh: string;
  originCounty: string | null;
  harvestFrom: string | null;
  harvestTo: string | null;
}

const countyName = (c: string | null) => (c ? countyZh(c) : null);

/** The label a farmer prints for a parcel, and the public trace page behind the code on it. */
@Injectable()
export class ParcelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: CallerProducer,
    @Inject(PICKUP_CLIENT) private readonly pickup: PickupClient,
  ) {}

  /** The SVG label, for the farmer who packed the parcel or an admin; anyone else gets 404. `parcelId` is a UUID (IdPipe). */
  async label(caller: AuthUser, parcelId: string): Promise<{ code: string; svg: string }> {
    requireRole(caller, 'farmer', 'admin');
    const rows: Array<{ code: string; status: string; producer_id: string; producer_name: string; pickup_point_id: string; pickup_day: string; lines: TaskLine[] }> =
      await this.db.query(
        `SELECT p.code, p.status, p.producer_id, p.producer_name, p.pickup_point_id, p.pickup_day::text AS pickup_day, t.lines
           FROM logistics.parcels p JOIN logistics.pack_tasks t ON t.id = p.task_id WHERE p.id = $1`,
        [parcelId],
      );
    const parcel = rows[0];
    if (!parcel) throw notFound('Parcel');
    if (!isAdmin(caller) && (await this.producer.require(caller)).id !== parcel.producer_id) throw notFound('Parcel');
    const [point] = await this.pickup.places([parcel.pickup_point_id]);
    const svg = await renderLabel({
      parcelCode: parcel.code,
      pointName: point?.name ?? '—',
      pickupDay: parcel.pickup_day,
      producerName: parcel.producer_name,
      status: parcel.status,
      ...parcelContents(parcel.lines),
    });
    return { code: parcel.code, svg };
  }

  /** What anyone holding the trace code may read: the farm, the goods and when they were grown and packed. */
  async trace(traceCode: string) {
    const code = traceCode.trim().toUpperCase();
    if (!TRACE_CODE_PATTERN.test(code)) throw notFound('Trace code');
    const rows: Array<{ producer_name: string; producer_county: string; producer_township: string; origins: TraceItem[]; packed_at: Date; status: string }> =
      await this.db.query(
        `SELECT producer_name, producer_county, producer_township, origins, packed_at, status FROM logistics.parcels WHERE trace_code = $1`,
        [code],
      );
    const p = rows[0];
    if (!p || p.status === 'voided') throw notFound('Trace code');
    return {
      producer: { name: p.producer_name, county: p.producer_county, countyName: countyName(p.producer_county), township: p.producer_township },
      items: p.origins.map((o) => ({
        titleZh: o.titleZh,
        originCounty: o.originCounty,
        originCountyName: countyName(o.originCounty),
        harvestFrom: o.harvestFrom,
        harvestTo: o.harvestTo,
      })),
      packedOn: todayInChina(p.packed_at),
    };
  }
}

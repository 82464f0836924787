import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countyZh, ProducerCard, ProducerDirectory, ProductOrigin, uniqueIds, UUID_PATTERN } from '@app/contracts';

interface ProducerRow {
  id: string;
  user_id: string;
  kind: ProducerCard['kind'];
  name: string;
  county: string;
  township: string;
  village: string | null;
  status: ProducerCard['status'];
}

const card = (r: ProducerRow): ProducerCard => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  name: r.name,
  county: r.county,
  countyName: countyZh(r.county),
  township: r.township,
  village: r.village,
  status: r.status,
});

const PRODUCER_COLUMNS = `id, user_id, kind, name, county, township, village, status`;

/** Producers and product origins for other services (logistics): no contact details, nothing about stock. */
@Injectable()
export class ProducerDirectoryService implements ProducerDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofUser(userId: string): Promise<ProducerCard | null> {
    if (typeof userId !== 'string' || !UUID_PATTERN.test(userId)) return null;
    const rows: ProducerRow[] = await this.db.query(`SELECT ${PRODUCER_COLUMNS} FROM catalog.producers WHERE user_id = $1`, [userId.toLowerCase()]);
    return rows[0] ? card(rows[0]) : null;
  }

  async producers(ids: string[]): Promise<ProducerCard[]> {
    const wanted = uniqueIds(ids);
    if (!wanted.length) return [];
    const rows: ProducerRow[] = await this.db.query(`SELECT ${PRODUCER_COLUMNS} FROM catalog.producers WHERE id = ANY($1::uuid[])`, [wanted]);
    return rows.map(card);
  }

  async origins(productIds: string[]): Promise<ProductOrigin[]> {
    const wanted = uniqueIds(productIds);
    if (!wanted.length) return [];
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT id, producer_id, title_zh, origin_county, harvest_from::text, harvest_to::text FROM catalog.products WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    return rows.map((r) => ({
      productId: r.id!,
      producerId: r.producer_id!,
      titleZh: r.title_zh!,
      originCounty: r.origin_county!,
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
    }));
  }
}

import { EntityManager } from 'typeorm';
import { queryRows } from '@app/database';
import { notFound } from '@app/errors';
import { CollectionStatus } from './collection-status';

export interface CollectionRow {
  id: string;
  order_id: string;
  point_id: string;
  buyer_id: string;
  payment_method: 'online' | 'pay_at_pickup';
  status: CollectionStatus;
  code_hmac: string | null;
  wrong_attempts: number;
  locked_at: Date | null;
  ready_at: Date | null;
  deadline: Date | null;
  remind_at: Date | null;
  reminded_at: Date | null;
  handed_over_at: Date | null;
  settlement: 'online' | 'cash' | 'wechat' | 'alipay' | null;
  paid_at_pickup_fen: number | null;
  goods_fen: number | null;
  commission_fen: number | null;
  returned_at: Date | null;
  created_at: Date;
}

export const COLLECTION_COLUMNS = `c.id, c.order_id, c.point_id, c.buyer_id, c.payment_method, c.status, c.code_hmac, c.wrong_attempts, c.locked_at,
  c.ready_at, c.deadline, c.remind_at, c.reminded_at, c.handed_over_at, c.settlement, c.paid_at_pickup_fen, c.goods_fen, c.commission_fen,
  c.returned_at, c.created_at`;

/** The collection locked for this transaction, or null. With `pointId`, only if it is at that point. */
export async function lockCollection(tx: EntityManager, id: string, pointId?: string): Promise<CollectionRow | null> {
  const rows = await queryRows<CollectionRow>(
    tx,
    `SELECT ${COLLECTION_COLUMNS} FROM pickup.collections c WHERE c.id = $1 ${pointId ? 'AND c.point_id = $2' : ''} FOR UPDATE`,
    pointId ? [id, pointId] : [id],
  );
  return rows[0] ?? null;
}

export async function requireCollection(tx: EntityManager, id: string, pointId: string): Promise<CollectionRow> {
  const c = await lockCollection(tx, id, pointId);
  if (!c) throw notFound('Collection');
  return c;
}

/** Locks collections in id order, the one order every transaction takes them in. */
export async function lockCollections(tx: EntityManager, ids: string[]): Promise<void> {
  if (ids.length) await tx.query(`SELECT id FROM pickup.collections WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
}

/** What a pay-at-pickup buyer owes at the counter: the goods that arrived (received parcels). */
export async function receivedGoods(tx: EntityManager, collectionId: string): Promise<{ parcels: number; goodsFen: number; perishable: boolean }> {
  const [row] = await queryRows<{ parcels: number; goods_fen: number; perishable: boolean }>(
    tx,
    `SELECT count(*)::int AS parcels, coalesce(sum(goods_fen), 0)::int AS goods_fen, coalesce(bool_or(perishable), false) AS perishable
       FROM pickup.parcels WHERE collection_id = $1 AND status = 'received'`,
    [collectionId],
  );
  return { parcels: row.parcels, goodsFen: row.goods_fen, perishable: row.perishable };
}

/** Takes the code out of the buyer's earlier code notifications: an old code on screen only confuses. */
export async function retireCodeNotifications(tx: EntityManager, collectionId: string): Promise<void> {
  await tx.query(
    `UPDATE pickup.notifications SET data = (data - 'code') || '{"codeRetired": true}'::jsonb
      WHERE collection_id = $1 AND kind = 'pickup_code' AND data ? 'code'`,
    [collectionId],
  );
}

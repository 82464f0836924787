import { EntityManager } from 'typeorm';
import { AuthUser, requireRole } from '@app/auth';
import { queryRows } from '@app/database';
import { notFound } from '@app/errors';

export interface ManagedPoint {
  id: string;
  name: string;
  commission_bps: number;
}

/**
 * The point whose operations the caller runs: any point for an admin, a point the staff account is bound
 * to for staff. Anything else is "not found", so staff of one point learn nothing about another's parcels.
 */
export async function managedPoint(db: EntityManager, caller: AuthUser, pointId: string): Promise<ManagedPoint> {
  requireRole(caller, 'staff', 'admin');
  const rows = await queryRows<ManagedPoint>(
    db,
    caller.role === 'admin'
      ? `SELECT id, name, commission_bps FROM pickup.points WHERE id = $1`
      : `SELECT p.id, p.name, p.commission_bps FROM pickup.points p JOIN pickup.point_staff s ON s.point_id = p.id AND s.user_id = $2 WHERE p.id = $1`,
    caller.role === 'admin' ? [pointId] : [pointId, caller.id],
  );
  if (!rows.length) throw notFound('Pickup point');
  return rows[0];
}

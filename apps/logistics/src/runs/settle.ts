import { EntityManager } from 'typeorm';
import { queryRows } from '@app/database';
import { SETTLED } from '../parcels/parcel-status';
import { nextRunState, RunStatus } from './run-status';

/**
 * Closes what the pickup points' reports finished: a dispatched shipment whose parcels are all received,
 * missing, damaged (or later) is done, and a delivering run whose parcels all are is done. Locks the run
 * first, so two reports for one run decide this one after the other.
 */
export async function settleRun(tx: EntityManager, runId: string | null): Promise<void> {
  if (!runId) return;
  const [run] = await queryRows<{ status: RunStatus }>(tx, `SELECT status FROM logistics.runs WHERE id = $1 FOR UPDATE`, [runId]);
  if (!run || run.status !== 'delivering') return;
  await tx.query(
    `UPDATE logistics.shipments s SET status = 'done', done_at = now()
      WHERE s.run_id = $1 AND s.status = 'dispatched'
        AND NOT EXISTS (SELECT 1 FROM logistics.parcels p WHERE p.shipment_id = s.id AND p.status <> ALL($2::text[]))`,
    [runId, SETTLED],
  );
  const open = await queryRows(tx, `SELECT 1 FROM logistics.parcels WHERE run_id = $1 AND status <> ALL($2::text[]) LIMIT 1`, [runId, SETTLED]);
  if (open.length) return;
  const next = nextRunState({ status: run.status, atHub: true }, 'finish');
  await tx.query(`UPDATE logistics.runs SET status = $2, done_at = now(), updated_at = now() WHERE id = $1`, [runId, next.status]);
}

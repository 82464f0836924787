import { eventually, TestApp } from '@app/testing';

/** The services' schemas: every table in them that can hold a row about someone's objects. */
const SCHEMAS = ['catalog', 'ordering', 'logistics', 'pickup', 'identity'];

/** Row count and md5 of the matching rows, by `schema.table`. */
export type Snapshot = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A fingerprint of every row, in every table of the services' schemas, whose text holds one of the
 * given ids: the objects themselves and every row that refers to them (lines, events, parcels,
 * notifications, counters…). One query; tables are read at the start, so new tables are included.
 * Outbox rows count by their event only (the relay stamps them later); inbox rows are left out.
 */
export class Snapshots {
  private constructor(
    private readonly t: TestApp,
    private readonly sql: string,
    private readonly pendingSql: string,
  ) {}

  static async of(t: TestApp): Promise<Snapshots> {
    const tables: Array<{ name: string }> = await t.db.query(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> 'inbox' ORDER BY 1`,
      [SCHEMAS],
    );
    const sql = tables
      .map(({ name }) => {
        const row = name.endsWith('.outbox') ? '(x.id, x.type, x.payload)::text' : 'x::text';
        return `SELECT '${name}' AS name, count(*)::int || ' ' || coalesce(md5(string_agg(${row}, '|' ORDER BY ${row})), '-') AS fp FROM ${name} x WHERE x::text ~* $1`;
      })
      .join('\nUNION ALL\n');
    const outboxes = tables.filter(({ name }) => name.endsWith('.outbox'));
    const pendingSql = `SELECT ${outboxes.map(({ name }) => `(SELECT count(*) FROM ${name} WHERE relayed_at IS NULL AND deliver_at <= now())`).join(' + ')} AS n`;
    return new Snapshots(t, sql, pendingSql);
  }

  /** The fingerprint of the rows holding any of `ids` (uuids; anything else is ignored). */
  async take(ids: string[]): Promise<Snapshot> {
    const uuids = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (!uuids.length) throw new Error('a snapshot of nothing');
    const rows: Array<{ name: string; fp: string }> = await this.t.db.query(this.sql, [`(${uuids.join('|')})`]);
    return Object.fromEntries(rows.map((r) => [r.name, r.fp]));
  }

  /**
   * Waits until the rows of `ids` stop changing and every event that is due has left the outboxes:
   * what the setup started (jobs, relays) is over, so a change after this is the sweep's.
   */
  async settle(ids: string[], ms = 15_000): Promise<Snapshot> {
    let last = await this.take(ids);
    return eventually(async () => {
      await new Promise((r) => setTimeout(r, 250));
      const now = await this.take(ids);
      const [{ n }] = await this.t.db.query(this.pendingSql);
      const still = JSON.stringify(now) === JSON.stringify(last) && Number(n) === 0;
      last = now;
      return still ? now : undefined;
    }, 'the rows to settle', ms);
  }

  /** The tables whose rows differ, as `schema.table (count before → after)`. */
  static changed(before: Snapshot, after: Snapshot): string[] {
    return Object.keys({ ...before, ...after })
      .filter((name) => before[name] !== after[name])
      .sort()
      .map((name) => `${name} (${before[name]?.split(' ')[0] ?? '?'} → ${after[name]?.split(' ')[0] ?? '?'} rows)`);
  }
}

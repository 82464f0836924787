import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * Texts ever named, across all connections. Past the cap new texts go unnamed, so SQL that is built with
 * varying text (e.g. one placeholder per list item) cannot grow every backend's plan cache without bound.
 */
const MAX_NAMED_TEXTS = 1000;
const names = new Map<string, string>();
/** Texts PostgreSQL refused to run from a cached plan (a table's columns changed under it): sent unnamed. */
const unnamed = new Set<string>();
const CACHED_PLAN_CHANGED = '0A000';

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_TEXTS && !unnamed.has(text)) {
    name = `zt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg Client that sends every statement with parameters as a named prepared statement, named by a hash
 * of its text: PostgreSQL then parses and plans it once per connection instead of on every call, which
 * was about 40% of its CPU per checkout. TypeORM's query() cannot name statements, so the pool is given
 * this client (`extra.Client`). Statements without parameters (BEGIN, COMMIT, DDL, several statements in
 * one string) keep the simple protocol. Named statements live as long as the connection; behind PgBouncer
 * in transaction mode this needs its `max_prepared_statements`.
 */
export class PreparingClient extends Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values] = args;
    // Only the promise form with a parameter array, as TypeORM calls it; anything else goes as it came.
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameFor(text);
      if (name) {
        return (super.query({ name, text, values }) as Promise<unknown>).catch((err: { code?: string }) => {
          if (err?.code === CACHED_PLAN_CHANGED) {
            names.delete(text);
            unnamed.add(text);
          }
          throw err;
        });
      }
    }
    return super.query(...(args as Parameters<Client['query']>));
  }
}

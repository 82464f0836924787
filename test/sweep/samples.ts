import { Ids, realId, UNKNOWN_UUID } from './ids';
import { OpenApiDoc, Operation, resolveSchema, Schema } from './openapi';

/** Body fields whose valid value is a secret of one side, used only when a side is named. */
const SECRET_FIELDS: Record<string, string> = { code: 'pickupCode', parcelCode: 'parcelCode' };

/**
 * Valid requests as near as the document tells: bodies and query strings from examples, first enum
 * values and real ids, and the URL of an operation with real objects in its path.
 */
export class Samples {
  private keySeq = 0;

  constructor(
    private readonly doc: OpenApiDoc,
    readonly day: string,
    private readonly mine: Ids,
  ) {}

  resolve(s: Schema | undefined): Schema | undefined {
    return resolveSchema(this.doc, s);
  }

  /**
   * A value the schema accepts: example, first enum value, a real id. Ids are the callers' own unless
   * `of` names a side, which then also gives its real secrets (a pickup code, a parcel code).
   */
  sample(s0: Schema | undefined, name = '', of?: Ids): unknown {
    const s = this.resolve(s0) ?? {};
    if (/^(pickupDay|day)$/.test(name)) return this.day;
    if (of && SECRET_FIELDS[name] && of[SECRET_FIELDS[name]]) return of[SECRET_FIELDS[name]];
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (s.type === 'array') return [this.sample(s.items, name, of)];
    if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, this.sample(v, k, of)]));
    if (s.type === 'object') return {};
    if (s.type === 'number' || s.type === 'integer') return s.minimum ?? 1;
    if (s.type === 'boolean') return false;
    if (s.format === 'uuid') {
      const ids = of ?? this.mine;
      return { productId: ids.product, pickupPointId: ids.point, pointId: ids.point, orderId: ids.order, userId: ids.user }[name] ?? ids.product;
    }
    if (/password/i.test(name)) return 'sweep-pass-2026';
    return 'sweep-value-1';
  }

  /** The required query parameters, sampled. */
  baseQuery(op: Operation): Record<string, string> {
    return Object.fromEntries(op.params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(this.sample(p.schema, p.name))]));
  }

  /** Every declared header (the idempotency key), with a value never sent before. */
  baseHeaders(op: Operation): Record<string, string> {
    return Object.fromEntries(op.params.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), `sweep-key-${String(++this.keySeq).padStart(5, '0')}`]));
  }

  /** The path with `ids` where given and the callers' own objects elsewhere; `query` is already encoded. */
  urlOf(op: Operation, ids: Record<string, string>, query: Record<string, string> | string): string {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? encodeURIComponent(realId(op.path, name, this.mine, this.day) ?? UNKNOWN_UUID));
    const qs = typeof query === 'string' ? query : new URLSearchParams(query).toString();
    return qs ? `${path}?${qs}` : path;
  }
}

import { ApiResponse, inParallel, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { STAFF_EDITABLE } from '../apps/pickup-point/src/points/dto/point.dto';
import { stripeEnv } from './ordering/helpers';
import { Body, Caller, cut, describeProbe, Probe, send } from './sweep/callers';
import { Ids, realId, realKey } from './sweep/ids';
import { OpenApiDoc, Operation, pathParamNames, readOperations } from './sweep/openapi';
import { Samples } from './sweep/samples';
import { Snapshot, Snapshots } from './sweep/snapshot';
import { buildWorld, jpeg, World } from './sweep/world';

/**
 * An ownership sweep of the whole HTTP API. Every operation in the OpenAPI document the app serves
 * is sent, by a buyer, a farmer and a pickup-point staff member, a valid request that names objects of
 * people they are not: another buyer's order, cart, refund and notifications, another farmer's
 * products, photos, pack tasks and parcels, another point's parcels, shipments and collections.
 *
 * - A path naming another's object is answered 403 or 404, never anything else, unless the route is
 *   one of PUBLIC_ROUTES below; those may answer, but with none of the others' private values.
 * - A body naming another's objects (on the caller's own path) is refused with a 4xx.
 * - Every GET, as each caller on their own objects (and with another's ids in the query), answers
 *   without any private value of the others: ids of their orders, tasks, parcels, shipments,
 *   collections, refunds, notifications…, their pickup code, parcel codes and phone numbers; outside
 *   BROWSE_ROUTES, not even the id of one of their products, producer or point.
 * - Every other write, naming only the caller's own things (their cart, profile, a new order), is
 *   sent too: it may answer anything but a 5xx, and must not reach past the caller.
 * - No request changes a row about the others' objects: every table of the services' schemas is
 *   fingerprinted (count and md5 of the rows holding one of their ids) before and after each write,
 *   and once more when every job the sweep may have started is over.
 *
 * Admins see and handle everyone's objects by design and are not swept here. Nothing is random: a
 * failing request is listed exactly as it was sent, with who sent it and the start of the answer.
 */

/** The callers who own things. */
const OWNERS: Caller[] = ['buyer', 'farmer', 'staff'];
/** Reads in flight at once; writes go one at a time, each between two snapshots. */
const CONCURRENCY = 8;

/** Keys of `Ids` that name objects shown to everyone: products and their photos, approved producers, active points. */
const PUBLIC_KEYS = ['product', 'photo', 'producer', 'point'];
/** What anyone sees of an approved producer (as in authorization.e2e-spec.ts). */
const PUBLIC_PRODUCER_KEYS = ['certifications', 'county', 'countyName', 'description', 'id', 'kind', 'name', 'township', 'village'];

interface PublicRoute {
  why: string;
  /** Keys that must appear nowhere in the answer. */
  hiddenKeys?: string[];
  /** The answer's top-level keys must be among these. */
  onlyKeys?: string[];
}

/**
 * Routes that answer about another's object to anyone, on purpose. A non-owner may get a 2xx, but never
 * one of the others' private values or these keys.
 */
const PUBLIC_ROUTES: Record<string, PublicRoute> = {
  'GET /api/catalog/products/{id}': {
    why: 'a product on sale is shown to every shopper, with its photos and its producer’s public name',
    hiddenKeys: ['stockReserved', 'stockSold', 'contactPhone', 'contactName', 'userId', 'phone'],
  },
  'GET /api/catalog/producers/{id}': { why: 'an approved producer’s profile is the public face of its products', onlyKeys: PUBLIC_PRODUCER_KEYS },
  'GET /api/pickup-points/{id}': {
    why: 'buyers choose any active point to collect at: its address, hours and counter phone',
    hiddenKeys: ['staff', 'commissionBps', 'status', 'statusNote', 'userId'],
  },
  'GET /api/pickup-points/{id}/availability': { why: 'buyers see which days any active point still has room before they order', hiddenKeys: ['orderId', 'buyerId', 'userId'] },
  'GET /api/logistics/trace/{traceCode}': { why: 'the code printed on a parcel opens a public page about the farm and the goods, never the buyer', onlyKeys: ['items', 'packedOn', 'producer'] },
  'PUT /api/cart/lines/{productId}': { why: 'the path names a product on sale; the line written is in the caller’s own cart' },
  'DELETE /api/cart/lines/{productId}': { why: 'the path names a product on sale; the line removed is from the caller’s own cart' },
  'POST /api/catalog/products/lookup': { why: 'prices and saleability of products on sale, by id, for carts', hiddenKeys: ['stockReserved', 'stockSold', 'contactPhone', 'userId'] },
};

/**
 * GETs that list what is on offer to everyone, or what the caller chose from it: they may show the
 * others' public objects (products, producers, points), never their private ones. Every other GET on
 * the caller's own objects must show nothing of the others at all, not even a product id: a farmer's
 * own product list, pack list or earnings with another farmer's product in it is a leak.
 */
const BROWSE_ROUTES: Record<string, string> = {
  'GET /api/catalog/products': 'the shop: every product on sale',
  'GET /api/catalog/producers': 'approved producers, public fields only',
  'GET /api/pickup-points': 'active points to choose from',
  'GET /api/cart': 'the caller’s cart may hold any product on sale',
};

/** Routes never sent another's objects in the body, and why. */
const NOT_SENT: Record<string, string> = {
  'POST /api/orders': 'a buyer may order another farmer’s goods at any active point: that rightly changes their stock and the point’s day',
};

/** Operations with a path parameter for which there is no object of anyone else's to name. */
const NO_FOREIGN_OBJECT: Record<string, string> = {
  'POST /api/admin/dead-letters/{id}/retry': 'no job has failed for good, so there is no dead letter of anyone’s (and the route is admins’ only)',
  'DELETE /api/admin/dead-letters/{id}': 'no job has failed for good, so there is no dead letter of anyone’s (and the route is admins’ only)',
};

/** Objects both sides share and neither owns: sent as they are, and refused all the same. */
const SHARED: Record<string, string> = {
  run: 'both sides’ parcels ride the county’s one collection run, which is the co-operative’s (admins only)',
};

/**
 * Fields a role may send where it may send only some: with more, the refusal would be about the fields,
 * not about whose object it is.
 */
const FIELDS_OF: Record<string, Partial<Record<Caller, readonly string[]>>> = {
  'PATCH /api/pickup-points/{id}': { staff: STAFF_EDITABLE },
};

/** Lists each caller must see their own object in: without it, "none of the others' ids" would prove nothing. */
const OWN_IN_LIST: Array<[string, Caller, string]> = [
  ['GET /api/orders', 'buyer', 'order'],
  ['GET /api/notifications', 'buyer', 'notification'],
  ['GET /api/logistics/pack-tasks', 'farmer', 'task'],
  ['GET /api/catalog/producers/me/products', 'farmer', 'product'],
  ['GET /api/pickup-points/mine', 'staff', 'point'],
  ['GET /api/pickup-points/{id}/parcels', 'staff', 'parcelCode'],
  ['GET /api/pickup-points/{id}/collections', 'staff', 'collection'],
];

interface Attempt extends Probe {
  /** `${method} ${path}` as in the document. */
  route: string;
  kind: 'path' | 'body' | 'read' | 'own';
  public?: PublicRoute;
}

const routeOf = (op: Operation) => `${op.method} ${op.path}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value as a whole token: not part of a longer id, number or code. */
const token = (value: string) => new RegExp(`(?<![0-9A-Za-z])${escape(value)}(?![0-9A-Za-z])`, 'i');

/** Every key anywhere in a JSON value. */
function keysIn(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysIn(x, into));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      keysIn(x, into);
    }
  }
  return into;
}

describe('no buyer, farmer or staff member reads or changes another person’s objects', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let w: World;
  let doc: OpenApiDoc;
  let samples: Samples;
  let snapshots: Snapshots;
  let operations: Operation[] = [];
  let photo: Buffer;
  /** The others' rows once the setup's jobs are over, and again after the only writes allowed to touch rows naming their public objects. */
  let baseline: Snapshot;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
    w = await buildWorld(t, stripe);
    const served = await t.api.get('/api/docs-json');
    expect(served.status).toBe(200);
    doc = served.body;
    operations = readOperations(doc);
    samples = new Samples(doc, w.day, w.mine);
    photo = await jpeg();
    snapshots = await Snapshots.of(t);
    baseline = await snapshots.settle(watched('all'));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  /** The others' objects, and their second order still to pack. */
  const sides = (): Array<[string, Ids]> => [
    ['others', w.others],
    ['others (order to pack)', { ...w.others, ...w.othersPending }],
  ];

  /** The ids whose rows a request must not change: all the others', or only their private ones. */
  function watched(which: 'all' | 'private'): string[] {
    return sides().flatMap(([, ids]) => Object.entries(ids).filter(([k]) => which === 'all' || !PUBLIC_KEYS.includes(k)).map(([, v]) => v));
  }

  /** Labelled patterns of the others' values: their private ones (ids, codes, phone numbers), or all, public ids too. */
  function othersValues(which: 'all' | 'private'): Array<[string, RegExp]> {
    const seen = new Map<string, string>();
    for (const [label, ids] of [['others', w.others], ['others’ order to pack', w.othersPending]] as Array<[string, Ids]>) {
      for (const [k, v] of Object.entries(ids)) if ((which === 'all' || !PUBLIC_KEYS.includes(k)) && !seen.has(v)) seen.set(v, `${label}.${k}`);
    }
    w.othersPhones.forEach((phone, i) => seen.set(phone, `others’ phone #${i + 1}`));
    return [...seen].map(([value, label]) => [label, token(value)]);
  }

  /**
   * The others' values in an answer, but for those the request itself sent: only private ones where the
   * route may show their public objects, any at all elsewhere.
   */
  function leaks(res: ApiResponse, a: Attempt): string[] {
    const text = typeof res.body === 'string' ? res.body : (JSON.stringify(res.body) ?? '');
    const sent = `${decodeURIComponent(a.url)} ${a.body && 'json' in a.body ? JSON.stringify(a.body.json) : ''}`;
    const mayShowPublic = !!a.public || (a.kind === 'read' && !!BROWSE_ROUTES[a.route]);
    return othersValues(mayShowPublic ? 'private' : 'all')
      .filter(([, re]) => re.test(text) && !re.test(sent))
      .map(([label]) => label);
  }

  // --- the requests -----------------------------------------------------------------------------------

  const photoUpload = (): Body => ({
    raw: () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
      return form;
    },
  });

  /** A valid body naming the objects of `side`, with only the fields `caller` may send. */
  function bodyFor(op: Operation, caller: Caller, side: Ids): Body | undefined {
    if (op.multipart) return photoUpload();
    if (!op.body) return undefined;
    const json = samples.sample(op.body, '', side) as Record<string, unknown>;
    const fields = FIELDS_OF[routeOf(op)]?.[caller];
    return { json: fields ? Object.fromEntries(Object.entries(json).filter(([k]) => fields.includes(k))) : json };
  }

  /**
   * The path parameters that may name an object that is not the caller's: another's, beside the callers'
   * own, or one nobody of theirs owns (SHARED). 'day' names no one's.
   */
  function foreignParams(op: Operation, side: Ids): string[] {
    return pathParamNames(op).filter((name) => {
      const theirs = realId(op.path, name, side, w.day);
      if (name === 'day' || theirs === undefined) return false;
      return theirs !== realId(op.path, name, w.mine, w.day) || SHARED[realKey(op.path, name)!] !== undefined;
    });
  }

  /**
   * Each path with another's object in one parameter (the rest the caller's own), and with another's in
   * all of them; the body valid and naming the same side's objects (their product, their pickup code).
   */
  function pathAttempts(): Attempt[] {
    const out = new Map<string, Attempt>();
    for (const op of operations) {
      for (const [label, side] of sides()) {
        const names = foreignParams(op, side);
        const sets = names.length > 1 ? [...names.map((n) => [n]), names] : names.length ? [names] : [];
        for (const swapped of sets) {
          const ids = Object.fromEntries(swapped.map((n) => [n, encodeURIComponent(realId(op.path, n, side, w.day)!)]));
          const url = samples.urlOf(op, ids, samples.baseQuery(op));
          for (const caller of OWNERS) {
            const body = bodyFor(op, caller, side);
            const key = `${caller} ${op.method} ${url} ${JSON.stringify(body)}`;
            if (out.has(key)) continue;
            const what = `${swapped.map((n) => `{${n}}`).join(' and ')} of ${SHARED[realKey(op.path, swapped[0])!] ? 'no caller (shared)' : label}`;
            out.set(key, { caller, method: op.method, url, what, body, headers: samples.baseHeaders(op), route: routeOf(op), kind: 'path', public: PUBLIC_ROUTES[routeOf(op)] });
          }
        }
      }
    }
    return [...out.values()];
  }

  /** The caller's own path, with a valid body naming the others' objects and secrets instead of theirs. */
  function bodyAttempts(): Attempt[] {
    const out = new Map<string, Attempt>();
    for (const op of operations.filter((o) => o.body && !NOT_SENT[routeOf(o)])) {
      const own = JSON.stringify(samples.sample(op.body, '', w.mine));
      for (const [label, side] of sides()) {
        const json = samples.sample(op.body, '', side);
        if (JSON.stringify(json) === own) continue;
        const url = samples.urlOf(op, {}, samples.baseQuery(op));
        for (const caller of OWNERS) {
          const key = `${caller} ${op.method} ${url} ${JSON.stringify(json)}`;
          if (out.has(key)) continue;
          out.set(key, { caller, method: op.method, url, what: `body naming objects of ${label}`, body: { json }, headers: samples.baseHeaders(op), route: routeOf(op), kind: 'body', public: PUBLIC_ROUTES[routeOf(op)] });
        }
      }
    }
    return [...out.values()];
  }

  /**
   * The writes that name no one's object, or only the caller's own (their cart, their profile, a new
   * product, an order of their own goods at their own point): a bug there may still reach past the
   * caller, like clearing every cart.
   */
  function ownWriteAttempts(): Attempt[] {
    return operations
      .filter((op) => op.method !== 'GET' && !sides().some(([, side]) => foreignParams(op, side).length) && !NO_FOREIGN_OBJECT[routeOf(op)])
      .filter((op) => !op.body || NOT_SENT[routeOf(op)] || JSON.stringify(samples.sample(op.body, '', w.mine)) === JSON.stringify(samples.sample(op.body, '', w.others)))
      .flatMap((op) =>
        OWNERS.map((caller): Attempt => ({
          caller,
          method: op.method,
          url: samples.urlOf(op, {}, samples.baseQuery(op)),
          what: 'own objects only',
          body: bodyFor(op, caller, w.mine),
          headers: samples.baseHeaders(op),
          route: routeOf(op),
          kind: 'own',
        })),
      );
  }

  /** Query parameters that name an object of someone's: `producerId` names a producer. */
  const foreignQuery = (op: Operation) =>
    op.params.filter((p) => p.in === 'query' && /Id$/.test(p.name) && w.others[p.name.slice(0, -2)]).map((p) => [p.name, w.others[p.name.slice(0, -2)]] as [string, string]);

  /** Every GET on the caller's own objects (the day the world was made, where one is asked), and again with another's ids in the query. */
  function readAttempts(): Attempt[] {
    return operations
      .filter((op) => op.method === 'GET')
      .flatMap((op) => {
        const query = { ...samples.baseQuery(op), ...(op.params.some((p) => p.in === 'query' && p.name === 'day') ? { day: w.day } : {}) };
        const queries: Array<[string, Record<string, string>]> = [
          ['own objects', query],
          ...foreignQuery(op).map(([name, id]): [string, Record<string, string>] => [`?${name} of others`, { ...query, [name]: id }]),
        ];
        return queries.flatMap(([what, q]) => OWNERS.map((caller): Attempt => ({ caller, method: 'GET', url: samples.urlOf(op, {}, q), what, route: routeOf(op), kind: 'read' })));
      });
  }

  // --- sending and judging ----------------------------------------------------------------------------

  /** What is wrong with the answer to an attempt, if anything. */
  function problemsWith(a: Attempt, res: ApiResponse, changed: string[]): string[] {
    const problems: string[] = [];
    if (res.status >= 500) problems.push('a server error');
    else if (a.kind === 'path' && !a.public && res.status !== 403 && res.status !== 404) problems.push('not 403 or 404');
    else if (a.kind === 'body' && !a.public && (res.status < 400 || res.status >= 500)) problems.push('not refused');
    if (a.public && res.status < 300 && res.body && typeof res.body === 'object') {
      const keys = keysIn(res.body);
      const hidden = (a.public.hiddenKeys ?? []).filter((k) => keys.has(k));
      if (hidden.length) problems.push(`private keys ${hidden.join(', ')}`);
      const extra = a.public.onlyKeys ? Object.keys(res.body).filter((k) => !a.public!.onlyKeys!.includes(k)) : [];
      if (extra.length) problems.push(`keys beyond the public ones: ${extra.join(', ')}`);
    }
    const leaked = leaks(res, a);
    if (leaked.length) problems.push(`shows ${leaked.join(', ')}`);
    if (changed.length) problems.push(`changed ${changed.join(', ')}`);
    return problems;
  }

  const line = (a: Attempt, res: ApiResponse, problems: string[]) =>
    `${describeProbe(a)}: ${res.status} ${cut(typeof res.body === 'string' ? res.body : (JSON.stringify(res.body) ?? ''), 120)} — ${problems.join('; ')}`;

  /**
   * Sends every attempt and returns one line for each that breaks the rules. Reads go at once between
   * two snapshots of all the others' rows; writes one by one, each between two snapshots — of only their
   * private objects' rows for a public route, whose writes may rightly name their public objects
   * (a product in the caller's own cart).
   */
  async function sweep(attempts: Attempt[]): Promise<string[]> {
    const offenders: string[] = [];
    const reads = attempts.filter((a) => a.method === 'GET');
    const writes = attempts.filter((a) => a.method !== 'GET').sort((x, y) => Number(!x.public) - Number(!y.public));
    const before = await snapshots.take(watched('all'));
    await inParallel(reads, CONCURRENCY, async (a) => {
      const res = await send(t, w.tokens, a);
      const problems = problemsWith(a, res, []);
      if (problems.length) offenders.push(line(a, res, problems));
    });
    const changedByReads = Snapshots.changed(before, await snapshots.take(watched('all')));
    if (changedByReads.length) offenders.push(`the ${reads.length} reads changed ${changedByReads.join(', ')}`);
    for (const [i, a] of writes.entries()) {
      // The public writes go first; the last check (by jobs, later) starts from the rows they leave.
      if (i > 0 && writes[i - 1].public && !a.public) baseline = await snapshots.take(watched('all'));
      const ids = watched(a.public ? 'private' : 'all');
      const was = await snapshots.take(ids);
      const res = await send(t, w.tokens, a);
      const problems = problemsWith(a, res, Snapshots.changed(was, await snapshots.take(ids)));
      if (problems.length) offenders.push(line(a, res, problems));
    }
    return offenders.sort();
  }

  // --- the tests --------------------------------------------------------------------------------------

  it('reads every operation, and knows another’s object for every path parameter but dead letters', () => {
    expect(operations.length).toBeGreaterThan(80);
    const none = operations.filter((op) => pathParamNames(op).some((n) => n !== 'day') && !sides().some(([, side]) => foreignParams(op, side).length)).map(routeOf);
    expect(none.sort()).toEqual(Object.keys(NO_FOREIGN_OBJECT).sort());
    // Every allowlisted route is in the document: a renamed route must be looked at again.
    const routes = new Set(operations.map(routeOf));
    expect([...Object.keys(PUBLIC_ROUTES), ...Object.keys(BROWSE_ROUTES), ...Object.keys(NOT_SENT), ...Object.keys(FIELDS_OF)].filter((r) => !routes.has(r))).toEqual([]);
  });

  it('answers 403 or 404 to a path naming another’s object (public routes: nothing private), and changes nothing of theirs', async () => {
    const attempts = pathAttempts();
    expect(attempts.length).toBeGreaterThan(150);
    expect(await sweep(attempts)).toEqual([]);
  });

  it('refuses a body naming another’s objects on the caller’s own path, and changes nothing of theirs', async () => {
    const attempts = bodyAttempts();
    expect(attempts.length).toBeGreaterThan(10);
    expect(await sweep(attempts)).toEqual([]);
  });

  it('never shows another’s private values in any GET on the caller’s own objects, nor with another’s ids in the query (outside browsing: nothing of theirs at all)', async () => {
    const attempts = readAttempts();
    expect(await sweep(attempts)).toEqual([]);
  });

  it('shows each caller their own objects in their lists (so the lists above proved something)', async () => {
    const missing: string[] = [];
    for (const [route, caller, key] of OWN_IN_LIST) {
      const op = operations.find((o) => routeOf(o) === route);
      if (!op) {
        missing.push(`${route}: not in the document`);
        continue;
      }
      const query = { ...samples.baseQuery(op), ...(op.params.some((p) => p.name === 'day') ? { day: w.day } : {}) };
      const res = await send(t, w.tokens, { caller, method: 'GET', url: samples.urlOf(op, {}, query), what: 'own list' });
      if (res.status !== 200 || !token(w.mine[key]).test(JSON.stringify(res.body))) missing.push(`${route} as ${caller}: ${res.status}, no ${key} of theirs`);
    }
    expect(missing).toEqual([]);
  });

  it('changes nothing of the others’ with a write on the caller’s own objects only, and shows nothing of theirs', async () => {
    const attempts = ownWriteAttempts();
    expect(attempts.length).toBeGreaterThan(20);
    expect(await sweep(attempts)).toEqual([]);
  });

  it('leaves the others’ rows as they were once every job the sweep may have started is over', async () => {
    const after = await snapshots.settle(watched('all'));
    expect(Snapshots.changed(baseline, after)).toEqual([]);
  });

  it('leaves no error in the log', () => {
    expect(t.logs.filter((l) => l.includes('"level":"error"') || l.includes('"level":"fatal"'))).toEqual([]);
  });
});

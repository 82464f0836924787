import { ApiResponse, inParallel, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { stripeEnv } from './ordering/helpers';
import { Body, Caller, CALLERS, cut, describeBody, Probe, send as sendProbe, Tokens } from './sweep/callers';
import { Ids, realId as realIdOf, UNKNOWN_UUID } from './sweep/ids';
import { JSON_TYPE, OpenApiDoc, Operation, Param, readOperations, Schema } from './sweep/openapi';
import { Samples } from './sweep/samples';
import { buildWorld } from './sweep/world';

/**
 * A sweep of the whole HTTP API for server errors. Every operation in the OpenAPI document the app
 * serves (plus the Stripe webhook, which the document leaves out) is sent hostile input by every kind
 * of caller: malformed and unknown path ids, broken and wrongly typed bodies, bad query strings. No
 * answer may be a 5xx, and every 4xx must be in the one error shape.
 *
 * Callers the route refuses (401/403) get a short list — their request stops at the guard — and callers
 * it admits get everything, so the hostile values reach the pipes, the services and the database.
 * Nothing is random: a failing request is listed exactly as it was sent and can be sent again.
 */

/** Requests in flight at once: enough to be quick, few enough that a slow answer is not a timeout. */
const CONCURRENCY = 8;
const LONG = 'x'.repeat(10_000);
const NUL = 'a\u0000b';
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const looksLikeDay = (name: string, s: Schema) => /^(day|from|to|openOn)$|Day$|Date$|^harvest/.test(name) || /^\d{4}-\d{2}-\d{2}$/.test(String(s.example ?? ''));

/** Path ids that cannot name anything. */
const BAD_IDS: Array<[string, string]> = [
  ['x', "'x'"],
  ['%00', 'NUL'],
  ['..%2F..%2Fetc%2Fpasswd', "'../../etc/passwd'"],
  ["1'%20OR%20'1'%3D'1", 'an SQL quote'],
  [UNKNOWN_UUID, 'a well-formed id of nothing'],
];
/** Path segments Fastify's router judges before any route runs: the same for every caller. */
const UNROUTABLE_IDS: Array<[string, string]> = [
  ['z'.repeat(100), '100 characters'],
  ['z'.repeat(1000), '1,000 characters'],
  ['%E0%A4%A', 'a broken percent-escape'],
];
/** Calendar days that are well-formed but not real, or far outside what any column holds. */
const BAD_DAYS = ['2026-02-30', '2026-13-01', '0000-01-01', '99999-01-01'];
/** Cursors that decode to the right shape with values the database cannot take, and ones that decode to nothing. */
const BAD_CURSORS = [
  b64url(`9999-99-99T99:99:99.999999Z|${UNKNOWN_UUID}`),
  b64url(`0000-01-01T00:00:00.000000Z|${UNKNOWN_UUID}`),
  b64url(`2026-02-30T00:00:00.000000Z|${UNKNOWN_UUID}`),
  b64url('["mine",1e300]'),
  b64url('["newest",-1,"x"]'),
  b64url('null'),
  '!!!not-base64!!!',
];

function photoForm(build: (form: FormData) => void): () => FormData {
  return () => {
    const form = new FormData();
    build(form);
    return form;
  };
}

describe('no server errors anywhere in the HTTP API', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let doc: OpenApiDoc;
  let samples: Samples;
  let tokens: Tokens;
  /** Operations × callers the guard lets through, by `${method} ${path} ${caller}`. */
  const admitted = new Set<string>();
  let operations: Operation[] = [];

  // The objects the sweep points at. "mine" are owned by the callers; "others" by people who never call.
  let day: string;
  let mine: Ids;
  let others: Ids;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
    // Each side's order all the way to the counter, so tasks, runs, parcels, shipments and collections exist.
    const world = await buildWorld(t, stripe);
    ({ day, mine, others, tokens } = world);

    const served = await t.api.get('/api/docs-json');
    expect(served.status).toBe(200);
    doc = served.body;
    operations = readOperations(doc);
    samples = new Samples(doc, day, mine);

    // Who gets past the guard: the plain request with real ids, or, where there is a body, one field
    // too many, so the validation pipe refuses it after the guard and nothing is written. Writes with
    // no body (cancel, collect, release…) are real calls here: whatever state they leave behind, no
    // later request may answer with a 5xx either.
    const probes = operations.flatMap((op) => CALLERS.map((caller) => ({ op, caller })));
    await inParallel(probes, CONCURRENCY, async ({ op, caller }) => {
      const body = op.body ? { json: { ...(sample(op.body) as object), sweepProbe: true } } : undefined;
      const res = await send({ caller, method: op.method, url: urlOf(op, {}, baseQuery(op)), what: 'admission probe', body, headers: baseHeaders(op) });
      if (res.status !== 401 && res.status !== 403) admitted.add(`${op.method} ${op.path} ${caller}`);
    });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  // --- the document and valid requests (test/sweep/) ----------------------------------------------------

  const resolve = (s: Schema | undefined) => samples.resolve(s);
  /** A value the schema accepts, as near as the document tells: example, first enum value, a real id. */
  const sample = (s: Schema | undefined, name = '') => samples.sample(s, name);
  const baseQuery = (op: Operation) => samples.baseQuery(op);
  const baseHeaders = (op: Operation) => samples.baseHeaders(op);
  const urlOf = (op: Operation, ids: Record<string, string>, query: Record<string, string> | string) => samples.urlOf(op, ids, query);
  const realId = (path: string, name: string, of: Ids) => realIdOf(path, name, of, day);

  // --- sending and judging ----------------------------------------------------------------------------

  const send = (p: Probe): Promise<ApiResponse> => sendProbe(t, tokens, p);

  /** What is wrong with a 4xx body, if anything: the checks of bad-input.e2e-spec.ts, for any status. */
  function shapeProblem(res: ApiResponse): string | null {
    const b = res.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return 'the body is not a JSON object';
    if (b.status !== res.status) return `body.status is ${b.status}`;
    if (typeof b.code !== 'string' || !b.code) return 'no code';
    if (typeof b.message !== 'string' || !b.message.trim()) return 'no message';
    if (typeof b.requestId !== 'string') return 'no requestId';
    if (b.errors !== undefined) {
      if (!Array.isArray(b.errors)) return 'errors is not an array';
      for (const e of b.errors) {
        if (typeof e?.field !== 'string' || !e.field || typeof e.message !== 'string' || !e.message) return `a bad entry in errors: ${JSON.stringify(e)}`;
      }
    }
    return null;
  }

  /** Sends every probe and returns one line for each answer that breaks the rules. */
  async function sweep(probes: Probe[]): Promise<string[]> {
    const offenders: string[] = [];
    await inParallel(probes, CONCURRENCY, async (p) => {
      let res: ApiResponse;
      try {
        res = await send(p);
      } catch (err) {
        offenders.push(`${p.method} ${cut(p.url)} as ${p.caller} — ${p.what} [${describeBody(p.body)}]: no answer (${(err as Error).message})`);
        return;
      }
      const problem = res.status >= 500 ? `${res.status} ${cut(JSON.stringify(res.body) ?? '')}` : res.status >= 400 ? shapeProblem(res) : null;
      if (problem) offenders.push(`${p.method} ${cut(p.url)} as ${p.caller} — ${p.what} [${describeBody(p.body)}]: ${problem}`);
    });
    return offenders.sort();
  }

  const isAdmitted = (op: Operation, caller: Caller) => admitted.has(`${op.method} ${op.path} ${caller}`);
  /**
   * Who gets the long lists (every field, every query parameter): each caller the guard admits, but on a
   * public route only an anonymous caller and an admin, who sees every state; the rest take their paths.
   */
  const isDeep = (op: Operation, caller: Caller) =>
    isAdmitted(op, caller) && (!isAdmitted(op, 'anonymous') || caller === 'anonymous' || caller === 'admin');
  const sendsBody = (op: Operation) => op.method !== 'GET' && op.method !== 'HEAD';
  /** Every operation with every caller; `full` says whether the caller gets the long lists. */
  const pairs = () => operations.flatMap((op) => CALLERS.map((caller) => ({ op, caller, full: isDeep(op, caller) })));

  /** A body that passes validation but for the field being tested, so a missed rule reaches the service. */
  const plausibleBody = (op: Operation): Body | undefined => (op.body ? { json: sample(op.body) } : undefined);

  // --- the hostile values -----------------------------------------------------------------------------

  /**
   * Bodies Fastify deals with before the route's guard and pipes: the same for every caller, so each
   * route gets them once, from a caller it admits where there is one.
   */
  function unparsableBodies(op: Operation): Array<[string, Body]> {
    const base = op.body ? JSON.stringify(sample(op.body)) : '{}';
    return [
      ['malformed JSON', { raw: '{"a": 1,', type: JSON_TYPE }],
      ['an empty JSON body', { raw: '', type: JSON_TYPE }],
      ['text/plain', { raw: 'hello', type: 'text/plain' }],
      ['a urlencoded form', { raw: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }],
      ['an unknown content type', { raw: base, type: 'application/xml' }],
      ['a multipart form', { raw: photoForm((f) => f.append('a', '1')) }],
    ];
  }

  /** Bodies that parse but are no DTO. A caller the guard refuses gets the first two. GET cannot carry a body through fetch. */
  function wrongBodies(op: Operation, full: boolean): Array<[string, Body | undefined]> {
    const bodies: Array<[string, Body | undefined]> = [
      ['no body', undefined],
      ['{}', { json: {} }],
    ];
    if (!full) return bodies;
    const base = op.body ? JSON.stringify(sample(op.body)) : '{}';
    const withField = (field: string) => ({ raw: `${base.slice(0, -1)}${base === '{}' ? '' : ','}${field}}`, type: JSON_TYPE });
    return [
      ...bodies,
      ['JSON null', { raw: 'null', type: JSON_TYPE }],
      ['[]', { json: [] }],
      ['a JSON string', { json: 'hello' }],
      ['a JSON number', { json: 42 }],
      ['JSON true', { json: true }],
      ['an array 5,000 levels deep', { raw: deep(5000), type: JSON_TYPE }],
      ['an object 20 levels deep', { raw: `${'{"a":'.repeat(20)}1${'}'.repeat(20)}`, type: JSON_TYPE }],
      ['an unknown field of 10,000 characters', withField(`"sweepExtra":"${LONG}"`)],
      ['an unknown field nested 5,000 levels deep', withField(`"nest":${deep(5000)}`)],
      ['__proto__ and constructor keys', withField('"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}')],
    ];
  }

  /** Wrong values for one field of the given schema; each replaces only that field. */
  function fieldValues(name: string, s0: Schema | undefined): Array<[string, unknown]> {
    const s = resolve(s0) ?? {};
    const base = sample(s, name);
    const kind = Array.isArray(base) ? 'array' : base === null ? 'null' : typeof base;
    const wrongTypes: Array<[string, unknown]> = (
      [
        ['a string', 'sweep'],
        ['a number', 12345],
        ['a boolean', true],
        ['an object', { a: 1 }],
        ['an array', ['x']],
        ['null', null],
      ] as Array<[string, unknown]>
    ).filter(([, v]) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v) !== kind);
    const values = [...wrongTypes];
    if (kind === 'string') {
      values.push(['10,000 characters', LONG], ['a NUL character', NUL], ['empty', '']);
      if (looksLikeDay(name, s)) values.push(...BAD_DAYS.map((d): [string, unknown] => [d, d]));
      if (s.format === 'uuid') values.push(['not a uuid', 'x'], ['an id of nothing', UNKNOWN_UUID]);
    }
    if (kind === 'number') values.push(['-1', -1], ['0.5', 0.5], ['2^31', 2_147_483_648], ['1e20', 1e20]);
    if (kind === 'array') {
      const item = (base as unknown[])[0];
      values.push(['[]', []], ['[null]', [null]], ['[10,000 characters]', [LONG]], ['1,000 items', Array.from({ length: 1000 }, () => item)]);
    }
    if (kind === 'object' && s.example && !s.properties) {
      const key = Object.keys(s.example as object)[0];
      values.push(
        [`{ ${key}: null }`, { [key]: null }],
        [`{ ${key}: 'x' }`, { [key]: 'x' }],
        [`{ ${key}: {} }`, { [key]: {} }],
        ['an unknown key', { '99': (s.example as Record<string, unknown>)[key] }],
        ['values out of range', { [key]: { open: '25:61', close: '-1:00' } }],
      );
    }
    return values;
  }

  /** Each field of the body, and the fields of the first item of each array of objects, with a wrong value. */
  function bodyMutations(op: Operation): Array<[string, unknown]> {
    const base = sample(op.body) as Record<string, unknown>;
    const out: Array<[string, unknown]> = [];
    for (const [name, s0] of Object.entries(resolve(op.body)?.properties ?? {})) {
      for (const [what, value] of fieldValues(name, s0)) out.push([`body.${name} = ${what}`, { ...base, [name]: value }]);
      const item = resolve(resolve(s0)?.items);
      if (item?.properties) {
        const first = sample(item) as Record<string, unknown>;
        for (const [sub, subSchema] of Object.entries(item.properties)) {
          for (const [what, value] of fieldValues(sub, subSchema)) out.push([`body.${name}.0.${sub} = ${what}`, { ...base, [name]: [{ ...first, [sub]: value }] }]);
        }
      }
    }
    return out;
  }

  /** Raw (already encoded) query strings for one declared parameter. */
  function queryValues(p: Param): string[] {
    const n = encodeURIComponent(p.name);
    const s = p.schema;
    const one = encodeURIComponent(String(sample(s, p.name)));
    const two = encodeURIComponent(String(s.enum?.[1] ?? sample(s, p.name)));
    const values = [`${n}=`, `${n}=${one}&${n}=${two}`, `${n}=${LONG}`, `${n}=%00`, `${n}=%20`];
    if (s.type === 'number') values.push(...['abc', '-1', '0', '1.5', '99999999999999999999', '1e400'].map((v) => `${n}=${v}`));
    else if (s.type === 'boolean') values.push(...['maybe', '1', 'TRUE', 'null'].map((v) => `${n}=${v}`));
    else if (s.enum) values.push(`${n}=bogus`, `${n}=${encodeURIComponent(String(s.enum[0]).toUpperCase())}`);
    else if (s.format === 'uuid') values.push(`${n}=x`, `${n}=${UNKNOWN_UUID}`);
    else if (looksLikeDay(p.name, s)) values.push(...['x', ...BAD_DAYS].map((v) => `${n}=${v}`));
    else if (p.name === 'cursor') values.push(...BAD_CURSORS.map((v) => `${n}=${encodeURIComponent(v)}`));
    else if (/^-?[\d.]+,-?[\d.]+$/.test(String(s.example ?? ''))) values.push(...['NaN,NaN', '1e400,1e400', '91,181', '27.3', '27.3,103.7,1', ','].map((v) => `${n}=${encodeURIComponent(v)}`));
    else values.push(`${n}=${encodeURIComponent("' OR 1=1 --")}`, `${n}=${encodeURIComponent('%_\\')}`);
    return values;
  }

  // --- the probes, by kind ------------------------------------------------------------------------------

  function pathProbes(): Probe[] {
    const probe = (op: Operation, caller: Caller, name: string, id: string, what: string): Probe => ({
      caller,
      method: op.method,
      url: urlOf(op, { [name]: id }, baseQuery(op)),
      what: `path ${name} ${what}`,
      body: plausibleBody(op),
      headers: baseHeaders(op),
    });
    const pathNames = (op: Operation) => op.params.filter((p) => p.in === 'path').map((p) => p.name);
    const unroutable = operations.flatMap((op) => {
      const caller = CALLERS.find((c) => isAdmitted(op, c)) ?? 'anonymous';
      return pathNames(op).flatMap((name) => UNROUTABLE_IDS.map(([id, what]) => probe(op, caller, name, id, what)));
    });
    const perCaller = pairs().flatMap(({ op, caller, full }) =>
      pathNames(op).flatMap((name) => {
        const bad = full ? [...BAD_IDS] : BAD_IDS.slice(0, 1);
        if (full && name === 'day') bad.push(...BAD_DAYS.map((d): [string, string] => [d, d]));
        const theirs = realId(op.path, name, others);
        if (theirs && theirs !== realId(op.path, name, mine)) bad.push([encodeURIComponent(theirs), "of someone else's object"]);
        return bad.map(([id, what]) => probe(op, caller, name, id, what));
      }),
    );
    return [...unroutable, ...perCaller];
  }

  function bodyProbes(): Probe[] {
    const sent = operations.filter(sendsBody);
    const unparsable = sent.flatMap((op) => {
      const caller = CALLERS.find((c) => isAdmitted(op, c)) ?? 'anonymous';
      return unparsableBodies(op).map(([what, body]): Probe => ({ caller, method: op.method, url: urlOf(op, {}, baseQuery(op)), what: `body: ${what}`, body, headers: baseHeaders(op) }));
    });
    const wrong = pairs()
      .filter(({ op }) => sendsBody(op))
      .flatMap(({ op, caller, full }) => {
        const url = urlOf(op, {}, baseQuery(op));
        const whole = wrongBodies(op, full).map(([what, body]): Probe => ({ caller, method: op.method, url, what: `body: ${what}`, body, headers: baseHeaders(op) }));
        // Validation does not depend on who calls: each field's wrong values go once, from the first caller admitted.
        const fields = full && op.body && caller === CALLERS.find((c) => isDeep(op, c)) ? bodyMutations(op).map(([what, json]): Probe => ({ caller, method: op.method, url, what, body: { json }, headers: baseHeaders(op) })) : [];
        return [...whole, ...fields];
      });
    return [...unparsable, ...wrong];
  }

  function queryAndHeaderProbes(): Probe[] {
    return pairs()
      .filter(({ full }) => full)
      .flatMap(({ op, caller }) => {
        const base = baseQuery(op);
        const body = plausibleBody(op);
        const queries = op.params
          .filter((p) => p.in === 'query')
          .flatMap((p) => {
            const rest = new URLSearchParams(Object.entries(base).filter(([k]) => k !== p.name)).toString();
            return queryValues(p).map((q): Probe => ({ caller, method: op.method, url: urlOf(op, {}, rest ? `${rest}&${q}` : q), what: `query ${q.length > 80 ? `${p.name}=<${q.length} chars>` : q}`, body, headers: baseHeaders(op) }));
          });
        const unknownQuery: Probe = { caller, method: op.method, url: urlOf(op, {}, { ...base, sweepUnknown: '1' }), what: 'an undeclared query parameter', body, headers: baseHeaders(op) };
        const headers = op.params
          .filter((p) => p.in === 'header')
          .flatMap((p) =>
            (
              [
                ['missing', undefined],
                ['empty', ''],
                ['1,000 characters', 'k'.repeat(1000)],
                ['with spaces and tabs', 'a b\tc'],
                ['Latin-1 bytes', 'clé-é'],
              ] as Array<[string, string | undefined]>
            ).map(([what, value]): Probe => {
              const headers = baseHeaders(op);
              if (value === undefined) delete headers[p.name.toLowerCase()];
              else headers[p.name.toLowerCase()] = value;
              return { caller, method: op.method, url: urlOf(op, {}, base), what: `header ${p.name} ${what}`, body, headers };
            }),
          );
        return [...queries, unknownQuery, ...headers];
      });
  }

  /**
   * The photo upload is the one multipart route: the JSON bodies above reach it too, and these are the
   * broken forms. The one valid photo was uploaded in the setup.
   */
  function uploadProbes(): Probe[] {
    const forms: Array<[string, () => FormData]> = [
      ['no file field', photoForm((f) => f.append('note', 'hello'))],
      ['an empty file', photoForm((f) => f.append('file', new Blob([]), 'empty.jpg'))],
      ['garbage bytes called image/jpeg', photoForm((f) => f.append('file', new Blob([Buffer.from(LONG)], { type: 'image/jpeg' }), 'x.jpg'))],
      ['a PNG signature and nothing more', photoForm((f) => f.append('file', new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' }), 'x.png'))],
      ['a text file', photoForm((f) => f.append('file', new Blob(['hello'], { type: 'text/plain' }), 'x.txt'))],
      ['the file as a plain field', photoForm((f) => f.append('file', 'not a file'))],
      ['two files', photoForm((f) => { f.append('file', new Blob([Buffer.from(LONG)], { type: 'image/jpeg' }), 'a.jpg'); f.append('file', new Blob(['b'], { type: 'image/jpeg' }), 'b.jpg'); })],
      ['a file name with NUL and ../', photoForm((f) => f.append('file', new Blob([Buffer.from(LONG)], { type: 'image/jpeg' }), '../\u0000.jpg'))],
    ];
    return pairs()
      .filter(({ op }) => op.multipart)
      .flatMap(({ op, caller }) => forms.map(([what, raw]): Probe => ({ caller, method: op.method, url: urlOf(op, {}, {}), what: `multipart: ${what}`, body: { raw } })));
  }

  /** The webhook trusts nothing until the signature is checked, and after that only the events it knows. */
  function webhookProbes(): Probe[] {
    const url = '/api/payments/stripe/webhook';
    const intent = { id: 'pi_sweep_unknown', object: 'payment_intent', amount: 680, currency: 'cny', status: 'succeeded', amount_received: 680, metadata: {} };
    const signedCases: Array<[string, string, unknown]> = [
      ['payment_intent.succeeded', 'for an intent nobody made', intent],
      ['payment_intent.succeeded', 'naming an order id that is not a uuid', { ...intent, metadata: { orderId: 'x' } }],
      ['payment_intent.succeeded', 'naming an order of nothing', { ...intent, metadata: { orderId: UNKNOWN_UUID } }],
      ['payment_intent.succeeded', 'with a string amount and NUL', { ...intent, amount: 'lots', amount_received: NUL, metadata: { orderId: mine.order } }],
      ['payment_intent.succeeded', 'with an empty object', {}],
      ['payment_intent.payment_failed', 'with an empty object', {}],
      ['charge.refunded', 'with an empty object', {}],
      ['refund.updated', 'for a refund nobody made', { id: 're_sweep', object: 'refund', payment_intent: 'pi_x', amount: 1, status: 'succeeded', metadata: {} }],
      ['refund.updated', 'with an empty object', {}],
      ['refund.failed', 'with null fields', { id: null, payment_intent: null, amount: null, metadata: null }],
      ['no.such.event', 'of a type nobody sends', intent],
    ];
    const raw = (payload: string): Body => ({ raw: payload, type: JSON_TYPE });
    const probes: Probe[] = [
      { caller: 'anonymous', method: 'POST', url, what: 'webhook unsigned', body: raw(JSON.stringify({ type: 'payment_intent.succeeded', data: { object: intent } })) },
      { caller: 'anonymous', method: 'POST', url, what: 'webhook with a bad signature', body: raw('{"id":"evt_1"}'), headers: { 'stripe-signature': 't=1,v1=deadbeef' } },
      { caller: 'anonymous', method: 'POST', url, what: 'webhook with a garbage signature header', body: raw('{"id":"evt_1"}'), headers: { 'stripe-signature': LONG.slice(0, 4000) } },
      { caller: 'anonymous', method: 'POST', url, what: 'webhook with a garbage body', body: { raw: '\u0000\u0001garbage', type: JSON_TYPE }, headers: { 'stripe-signature': 't=1,v1=deadbeef' } },
      { caller: 'anonymous', method: 'POST', url, what: 'webhook with no body', headers: { 'stripe-signature': 't=1,v1=deadbeef' } },
      { caller: 'anonymous', method: 'POST', url, what: 'webhook as text/plain', body: { raw: 'hello', type: 'text/plain' } },
      { caller: 'buyer', method: 'POST', url, what: 'webhook unsigned, with a token', body: raw('{}') },
    ];
    signedCases.forEach(([type, what, object], i) => {
      // A fixed event id: sending the sweep again replays the same events.
      const signed = stripe.signedEvent(type, object as object, { id: `evt_sweep_${i}` });
      probes.push({ caller: 'anonymous', method: 'POST', url, what: `webhook signed, ${type} ${what}`, body: raw(signed.payload), headers: { 'stripe-signature': signed.signature } });
    });
    const good = stripe.signedEvent('payment_intent.succeeded', intent, { id: 'evt_sweep_tamper' });
    probes.push({ caller: 'anonymous', method: 'POST', url, what: 'webhook signed, body then cut short', body: raw(good.payload.slice(0, 40)), headers: { 'stripe-signature': good.signature } });
    return probes;
  }

  // --- the tests --------------------------------------------------------------------------------------

  it('reads every operation, and knows a real object for every path parameter but dead letters', () => {
    expect(operations.length).toBeGreaterThan(80);
    // Dead letters exist only when a job has failed for good, which this suite never makes happen.
    const noRealId = operations.flatMap((op) => op.params.filter((p) => p.in === 'path' && !realId(op.path, p.name, mine)).map((p) => `${op.method} ${op.path} {${p.name}}`));
    expect(noRealId).toEqual(['POST /api/admin/dead-letters/{id}/retry {id}', 'DELETE /api/admin/dead-letters/{id} {id}']);
    // Each account is let in where anonymous callers are not: with a broken token the sweep would test only the guard.
    for (const caller of CALLERS.slice(1)) expect(operations.some((op) => isAdmitted(op, caller) && !isAdmitted(op, 'anonymous'))).toBe(true);
  });

  it.each([
    ['malformed, unknown and foreign path ids', () => pathProbes()],
    ['broken bodies and wrongly typed fields', () => bodyProbes()],
    ['bad query strings and headers', () => queryAndHeaderProbes()],
    ['broken photo uploads', () => uploadProbes()],
    ['forged, unsigned and odd Stripe webhooks', () => webhookProbes()],
  ])('%s: never a 5xx, and every 4xx in the one error shape', async (_kind, build) => {
    const probes = build();
    expect(probes.length).toBeGreaterThan(0);
    expect(await sweep(probes)).toEqual([]);
  });

  it('leaves no error in the log: nothing the sweep got past validation broke a job later', () => {
    expect(t.logs.filter((l) => l.includes('"level":"error"') || l.includes('"level":"fatal"'))).toEqual([]);
  });
});

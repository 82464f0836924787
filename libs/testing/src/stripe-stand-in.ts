import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export const TEST_STRIPE_SECRET = 'sk_test_standin_0000000000';
export const TEST_WEBHOOK_SECRET = 'whsec_test_standin_secret_0000000000';

export interface StandInRefund {
  id: string;
  object: 'refund';
  payment_intent: string;
  amount: number;
  currency: 'cny';
  status: string;
  metadata: Record<string, string>;
  idempotencyKey?: string;
}

interface Intent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  allowed_payment_method_types: string[];
  metadata: Record<string, string>;
  amount_received: number;
}

/**
 * A local stand-in for the parts of Stripe's API the platform calls (PaymentIntents and Refunds), so
 * the real SDK runs end to end: form-encoded requests, idempotency keys honoured like Stripe does, and
 * signed webhook payloads built with the SDK's own test helper.
 */
export class StripeStandIn {
  readonly intents = new Map<string, Intent>();
  readonly refunds: StandInRefund[] = [];
  /** How new refunds come back: Stripe leaves some methods' refunds `pending` for days. */
  refundStatus: 'succeeded' | 'pending' | 'failed' = 'succeeded';
  readonly requests: Array<{ method: string; path: string; idempotencyKey?: string; body: Record<string, string> }> = [];
  private readonly byKey = new Map<string, { status: number; body: unknown }>();
  private readonly sdk = new Stripe(TEST_STRIPE_SECRET);
  /** Answer the next n requests with a 500, as an outage would. */
  failNext = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<StripeStandIn> {
    let standIn: StripeStandIn;
    const server = createServer((req, res) => void standIn.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    standIn = new StripeStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A webhook body and its Stripe-Signature header, signed with the SDK's test helper. */
  signedEvent(type: string, object: object, opts: { id?: string; timestamp?: number; secret?: string } = {}) {
    const payload = JSON.stringify({
      id: opts.id ?? `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type,
      api_version: '2026-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    const signature = this.sdk.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? TEST_WEBHOOK_SECRET,
      timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
    });
    return { payload, signature };
  }

  /** A refund as Stripe would send it in refund.updated, after its status became `status`. */
  refundNow(refundId: string, status: 'succeeded' | 'failed' | 'canceled'): Omit<StandInRefund, 'idempotencyKey'> {
    const refund = this.refunds.find((r) => r.id === refundId);
    if (!refund) throw new Error(`no refund ${refundId}`);
    refund.status = status;
    const { idempotencyKey: _key, ...answer } = refund;
    return answer;
  }

  /** The intent as Stripe would send it in payment_intent.succeeded. */
  succeeded(intentId: string): Intent {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    return { ...intent, status: 'succeeded', amount_received: intent.amount };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ method: req.method ?? '', path, idempotencyKey, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
      res.end(JSON.stringify(payload));
    };
    if (this.failNext > 0) {
      this.failNext--;
      return send(500, { error: { type: 'api_error', message: 'stand-in outage' } });
    }
    if (req.method === 'POST' && idempotencyKey && this.byKey.has(`${path}:${idempotencyKey}`)) {
      const cached = this.byKey.get(`${path}:${idempotencyKey}`)!;
      return send(cached.status, cached.body);
    }
    const remember = (status: number, payload: unknown) => {
      if (idempotencyKey) this.byKey.set(`${path}:${idempotencyKey}`, { status, body: payload });
      send(status, payload);
    };
    if (req.method === 'POST' && path === '/v1/payment_intents') {
      if (body.currency !== 'cny' || !/^\d+$/.test(body.amount ?? '')) return remember(400, { error: { type: 'invalid_request_error', message: 'bad amount or currency' } });
      const id = `pi_${randomBytes(10).toString('hex')}`;
      const methods = Object.keys(body).filter((k) => k.startsWith('allowed_payment_method_types')).map((k) => body[k]);
      const metadata = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const intent: Intent = { id, object: 'payment_intent', amount: Number(body.amount), currency: 'cny', status: 'requires_payment_method', client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`, allowed_payment_method_types: methods, metadata, amount_received: 0 };
      this.intents.set(id, intent);
      return remember(200, intent);
    }
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && intentMatch) {
      const intent = this.intents.get(intentMatch[1]);
      return intent ? send(200, intent) : send(404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      const intent = this.intents.get(body.payment_intent ?? '');
      if (!intent) return remember(400, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
      const metadata = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const refund: StandInRefund = {
        id: `re_${randomBytes(10).toString('hex')}`,
        object: 'refund',
        amount: Number(body.amount ?? intent.amount),
        payment_intent: intent.id,
        status: this.refundStatus,
        currency: 'cny',
        metadata,
        idempotencyKey,
      };
      this.refunds.push(refund);
      const { idempotencyKey: _key, ...answer } = refund;
      return remember(200, answer);
    }
    const refundMatch = /^\/v1\/refunds\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && refundMatch) {
      const refund = this.refunds.find((r) => r.id === refundMatch[1]);
      if (!refund) return send(404, { error: { type: 'invalid_request_error', message: 'No such refund' } });
      const { idempotencyKey: _key, ...answer } = refund;
      return send(200, answer);
    }
    send(404, { error: { type: 'invalid_request_error', message: `stand-in does not serve ${req.method} ${path}` } });
  }
}

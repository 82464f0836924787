import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { Env } from '@app/config';
import { AppError } from '@app/errors';
import { IntentResult, OnlinePayments, PaymentEvent, RefundState } from './online-payments';

/** Stripe's refund statuses: `requires_action` and `pending` are on their way; `canceled` never paid out. */
function refundState(status: string | null): RefundState {
  if (status === 'succeeded') return 'succeeded';
  return status === 'failed' || status === 'canceled' ? 'failed' : 'pending';
}

type AllowedMethod = NonNullable<Stripe.PaymentIntentCreateParams['allowed_payment_method_types']>[number];

/** Stripe PaymentIntents in CNY (WeChat Pay, Alipay, card); the signed webhook is the only proof of payment. */
@Injectable()
export class StripePayments extends OnlinePayments {
  private readonly logger = new Logger('StripePayments');
  private readonly stripe: Stripe | null;
  readonly enabled: boolean;
  readonly publishableKey: string | null;

  constructor(private readonly env: Env) {
    super();
    this.enabled = Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
    this.publishableKey = env.STRIPE_PUBLISHABLE_KEY ?? null;
    if (!this.enabled) {
      this.stripe = null;
      this.logger.warn({ msg: 'Stripe keys are not set: online payment is off, buyers pay at the pickup point' });
      return;
    }
    const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
    this.stripe = new Stripe(env.STRIPE_SECRET_KEY!, {
      maxNetworkRetries: 2,
      timeout: 10_000,
      telemetry: false,
      ...(api ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol.replace(':', '') as 'http' | 'https' } : {}),
    });
  }

  private client(): Stripe {
    if (!this.stripe) throw new AppError('PAYMENT_FAILED', 'Online payment is not available; choose pay at pickup');
    return this.stripe;
  }

  async createIntent(orderId: string, amountFen: number): Promise<IntentResult> {
    const intent = await this.client().paymentIntents.create(
      {
        amount: amountFen,
        currency: 'cny',
        allowed_payment_method_types: this.env.STRIPE_PAYMENT_METHODS.split(',') as AllowedMethod[],
        payment_method_options: { wechat_pay: { client: 'mobile_web' } },
        metadata: { orderId },
      },
      { idempotencyKey: `order-${orderId}-intent` },
    );
    return { providerRef: intent.id, clientSecret: intent.client_secret };
  }

  async refund(refundId: string, providerRef: string, amountFen: number) {
    const refund = await this.client().refunds.create(
      { payment_intent: providerRef, amount: amountFen, metadata: { refundId } },
      { idempotencyKey: `refund-${refundId}` },
    );
    return { providerRef: refund.id, status: refundState(refund.status) };
  }

  async refundState(providerRef: string): Promise<RefundState> {
    return refundState((await this.client().refunds.retrieve(providerRef)).status);
  }

  readWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!signature) throw new AppError('VALIDATION_FAILED', 'The Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = this.client().webhooks.constructEvent(rawBody, signature, this.env.STRIPE_WEBHOOK_SECRET!);
    } catch (err) {
      throw new AppError('VALIDATION_FAILED', `The webhook signature does not verify: ${(err as Error).message}`);
    }
    const obj = event.data.object as unknown as {
      id?: string;
      object?: string;
      status?: string;
      amount?: number;
      amount_received?: number;
      payment_intent?: string;
      last_payment_error?: { message?: string };
      metadata?: Record<string, string>;
    };
    const base = { id: event.id, rawType: event.type, failureMessage: null, amountFen: null };
    switch (event.type) {
      case 'payment_intent.succeeded':
        return { ...base, type: 'payment_succeeded', providerRef: obj.id ?? null, amountFen: obj.amount_received ?? obj.amount ?? null };
      case 'payment_intent.payment_failed':
        return { ...base, type: 'payment_failed', providerRef: obj.id ?? null, failureMessage: obj.last_payment_error?.message ?? 'payment failed' };
      case 'refund.updated':
      case 'refund.created':
      case 'refund.failed':
        return {
          ...base,
          type: 'refund_updated',
          providerRef: obj.id ?? null,
          refund: { status: refundState(obj.status ?? null), refundId: obj.metadata?.refundId ?? null },
        };
      default:
        return { ...base, type: 'other', providerRef: obj.id ?? null };
    }
  }
}

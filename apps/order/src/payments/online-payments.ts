/** A payment event from the provider, already verified. */
export interface PaymentEvent {
  id: string;
  type: 'payment_succeeded' | 'payment_failed' | 'refund_updated' | 'other';
  rawType: string;
  providerRef: string | null;
  amountFen: number | null;
  failureMessage: string | null;
  /** For refund_updated: the refund's state at the provider, and our refund's id from its metadata. */
  refund?: { status: RefundState; refundId: string | null };
}

/** Where a refund stands at the provider. Some methods (bank cards, WeChat Pay) stay pending for days. */
export type RefundState = 'succeeded' | 'pending' | 'failed';

export interface IntentResult {
  providerRef: string;
  clientSecret: string | null;
}

/**
 * Online payment through a provider (Stripe). The platform runs without one: then `enabled` is false
 * and buyers pay at the pickup point.
 */
export abstract class OnlinePayments {
  abstract readonly enabled: boolean;
  abstract readonly publishableKey: string | null;
  abstract createIntent(orderId: string, amountFen: number): Promise<IntentResult>;
  abstract refund(refundId: string, providerRef: string, amountFen: number): Promise<{ providerRef: string; status: RefundState }>;
  /** A refund's state now (the refund call's idempotent replay answers what it said the first time). */
  abstract refundState(providerRef: string): Promise<RefundState>;
  /** Verifies the signature and reads the event; throws AppError(400) when it does not verify. */
  abstract readWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}

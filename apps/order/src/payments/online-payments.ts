/** A payment event from the provider, already verified. */
export interface PaymentEvent {
  id: string;
  type: 'payment_succeeded' | 'payment_failed' | 'refund_updated' | 'other';
  rawType: string;
  providerRef: string | null;
  amountFen: number | null;
  failureMessage: string | null;
}

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
  abstract refund(refundId: string, providerRef: string, amountFen: number): Promise<{ providerRef: string; status: 'succeeded' | 'pending' | 'failed' }>;
  /** Verifies the signature and reads the event; throws AppError(400) when it does not verify. */
  abstract readWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}

import { earliestPickupDay } from '@app/contracts';
import { StripeStandIn, TEST_STRIPE_SECRET, TEST_WEBHOOK_SECRET, TestApp } from '@app/testing';

export function stripeEnv(stripe: StripeStandIn, extra: Record<string, string> = {}): Record<string, string> {
  return { STRIPE_SECRET_KEY: TEST_STRIPE_SECRET, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, ...extra };
}

/** The first pickup day an order placed now may choose, by the app's own cut-off. */
export function firstPickupDay(t: TestApp): string {
  return earliestPickupDay(new Date(), t.env.ORDER_CUTOFF);
}

export async function sendWebhook(t: TestApp, signed: { payload: string; signature: string }) {
  return t.api.request('POST', '/api/payments/stripe/webhook', {
    raw: signed.payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
  });
}

export async function stockOf(t: TestApp, productId: string) {
  const [row] = await t.db.query(`SELECT stock_available, stock_reserved, stock_sold FROM catalog.products WHERE id = $1`, [productId]);
  return { available: row.stock_available, reserved: row.stock_reserved, sold: row.stock_sold };
}

export async function heldOn(t: TestApp, pointId: string, day: string): Promise<number> {
  const res = await t.api.get(`/api/pickup-points/${pointId}/availability?from=${day}&to=${day}`);
  return res.body[0]?.held ?? res.body.days?.[0]?.held;
}

/**
 * Settings the server writes into index.html (apps/platform/src/web/web-app.ts) so the app knows them
 * before its first request: whether online payment is on, and the order cut-off that decides the
 * earliest pickup day.
 */
export interface ClientConfig {
  stripePublishableKey: string | null;
  orderCutoff: string;
}

declare global {
  interface Window {
    __ZT__?: Partial<ClientConfig>;
  }
}

export const config: ClientConfig = { stripePublishableKey: null, orderCutoff: '22:00', ...window.__ZT__ };

/** Stripe.js is fetched only when a buyer actually pays online, never with the first screen. */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

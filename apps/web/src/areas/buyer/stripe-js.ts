import { config, STRIPE_JS_URL } from '../../lib/config';

/** The few parts of Stripe.js the payment screen uses. */
export interface StripePaymentElement {
  mount(target: string | HTMLElement): void;
  on(event: 'ready', handler: () => void): void;
  destroy(): void;
}
export interface StripeElements {
  create(kind: 'payment', options?: Record<string, unknown>): StripePaymentElement;
}
export interface StripeInstance {
  elements(options: { clientSecret: string; locale?: string; appearance?: Record<string, unknown> }): StripeElements;
  confirmPayment(options: { elements: StripeElements; confirmParams: { return_url: string }; redirect: 'if_required' }): Promise<{ error?: { message?: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeInstance;

let loading: Promise<StripeInstance> | null = null;

/**
 * Loads Stripe.js from Stripe (it must come from js.stripe.com to be PCI-compliant) the first time a buyer
 * pays online; the first screen never carries it.
 */
export function loadStripe(): Promise<StripeInstance> {
  const key = config.stripePublishableKey;
  if (!key) return Promise.reject(new Error('online payment is not configured'));
  loading ??= new Promise<StripeInstance>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = STRIPE_JS_URL;
    script.async = true;
    script.onload = () => {
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (factory) resolve(factory(key));
      else reject(new Error('Stripe.js did not start'));
    };
    script.onerror = () => reject(new Error('Stripe.js could not be loaded'));
    document.head.appendChild(script);
  }).catch((err) => {
    loading = null; // a bad signal now should not stop a retry later
    throw err;
  });
  return loading;
}

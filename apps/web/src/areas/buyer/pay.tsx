import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Order } from '../../api/types';
import { getLang, t } from '../../i18n';
import { dateTime, yuan } from '../../lib/format';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Notice, Spinner } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { useLoad } from '../../lib/use-load';
import type { StripeElements, StripeInstance } from './stripe-js';

type Phase = 'loading' | 'ready' | 'confirming' | 'waiting' | 'unavailable';

/**
 * Online payment with Stripe's Payment Element (WeChat Pay, Alipay, card). The order is paid only when
 * the server has the signed webhook, so after confirming, this screen waits for the order to say so.
 */
export function Pay({ params }: ScreenProps) {
  const order = useLoad((signal) => api.get<Order>(`/api/orders/${params.id}`, signal), [params.id]);
  const [phase, setPhase] = useState<Phase>('loading');
  const [failure, setFailure] = useState<string>();
  const mountRef = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ instance: StripeInstance; elements: StripeElements } | null>(null);
  const o = order.data;
  const secret = o?.payment?.clientSecret;

  useEffect(() => {
    if (!o) return;
    if (o.status !== 'pending_payment' || !secret) {
      navigate(`/orders/${o.id}`, { replace: true });
      return;
    }
    let live = true;
    import('./stripe-js')
      .then((m) => m.loadStripe())
      .then((instance) => {
        if (!live || !mountRef.current) return;
        const elements = instance.elements({ clientSecret: secret, locale: getLang() === 'zh' ? 'zh' : 'en', appearance: { theme: 'stripe', variables: { colorPrimary: '#2f6b3a' } } });
        const element = elements.create('payment', { layout: 'tabs' });
        element.on('ready', () => live && setPhase('ready'));
        element.mount(mountRef.current);
        stripe.current = { instance, elements };
      })
      .catch(() => live && setPhase('unavailable'));
    return () => {
      live = false;
    };
  }, [o?.id, secret]);

  // Waiting for the webhook: ask the order every 2 s until it is no longer pending.
  useEffect(() => {
    if (phase !== 'waiting') return;
    const timer = setInterval(async () => {
      try {
        const now = await api.get<Order>(`/api/orders/${params.id}`);
        if (now.status !== 'pending_payment') navigate(`/orders/${now.id}?placed=1`, { replace: true });
      } catch {
        /* a dropped poll is retried by the next tick */
      }
    }, 2000);
    return () => clearInterval(timer);
  }, [phase]);

  if (!o) return <LoadState state={order} />;
  const confirm = async () => {
    if (!stripe.current) return;
    setPhase('confirming');
    setFailure(undefined);
    const { error } = await stripe.current.instance.confirmPayment({
      elements: stripe.current.elements,
      confirmParams: { return_url: `${window.location.origin}/orders/${o.id}?placed=1` },
      redirect: 'if_required',
    });
    if (error) {
      setFailure(t('pay.failed', { reason: error.message ?? '' }));
      setPhase('ready');
    } else setPhase('waiting');
  };

  return (
    <>
      <h1>{t('pay.title')}</h1>
      <p>{t('pay.amount', { amount: yuan(o.totalFen) })}</p>
      {o.expiresAt ? <p class="hint">{t('pay.expiresAt', { time: dateTime(o.expiresAt) })}</p> : null}
      {phase === 'loading' ? <Spinner label={t('pay.loading')} /> : null}
      {phase === 'unavailable' ? (
        <Notice kind="error">
          {t('pay.unavailable')} <a href={`/orders/${o.id}`}>{t('orders.order')}</a>
        </Notice>
      ) : null}
      <div ref={mountRef} id="payment-element" data-testid="payment-element" />
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {phase === 'waiting' ? <Spinner label={t('pay.waiting')} /> : null}
      {phase === 'ready' || phase === 'confirming' ? (
        <p>
          <button type="button" class="btn block" disabled={phase === 'confirming'} onClick={confirm}>{t('pay.button')} {yuan(o.totalFen)}</button>
        </p>
      ) : null}
    </>
  );
}

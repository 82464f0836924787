import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import type { Order, PickupPoint } from '../../api/types';
import { t } from '../../i18n';
import { dateTime, day, yuan } from '../../lib/format';
import { refundStatusText, refundText } from '../../lib/refunds';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { CANCELLABLE, statusName } from './order-words';
import { PickupCodeCard, TrackingList } from './pickup-code';

export function OrderScreen({ params, query }: ScreenProps) {
  const order = useLoad((signal) => api.get<Order>(`/api/orders/${params.id}`, signal), [params.id]);
  const o = order.data;
  const point = useLoad(async (signal) => (o ? api.get<PickupPoint>(`/api/pickup-points/${o.pickupPointId}`, signal) : undefined), [o?.pickupPointId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!o) return <LoadState state={order} />;

  const cancel = async () => {
    if (!window.confirm(t('orders.cancelConfirm'))) return;
    setBusy(true);
    setError(undefined);
    try {
      order.set(await api.post<Order>(`/api/orders/${o.id}/cancel`));
    } catch (err) {
      setError(explain(err).summary);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {query.get('placed') ? <Notice kind="ok">{t('orders.placed')}</Notice> : null}
      <h1>
        {t('orders.order')} <span class="status" data-testid="order-status">{statusName(o.status)}</span>
      </h1>
      <PickupCodeCard order={o} />
      <dl class="facts">
        <dt>{t('orders.pickupDay')}</dt>
        <dd>{day(o.pickupDay)}</dd>
        <dt>{t('orders.pickupPoint')}</dt>
        <dd>{point.data ? <PointFacts point={point.data} pickupDay={o.pickupDay} /> : '…'}</dd>
        {o.placedAt ? (
          <>
            <dt>{t('orders.placedAt')}</dt>
            <dd>{dateTime(o.placedAt)}</dd>
          </>
        ) : null}
        <dt>{t('checkout.pay')}</dt>
        <dd>{o.paymentMethod === 'online' ? t('checkout.payOnline') : t('checkout.payAtPickup')}</dd>
      </dl>
      {o.status === 'pending_payment' && o.paymentMethod === 'online' ? (
        <p>
          <a class="btn block" href={`/orders/${o.id}/pay`}>{t('orders.payNow')}</a>
          {o.expiresAt ? <span class="hint">{t('pay.expiresAt', { time: dateTime(o.expiresAt) })}</span> : null}
        </p>
      ) : null}

      <h2>{t('orders.items')}</h2>
      <ul class="list">
        {o.producers.map((g) => (
          <li>
            {g.parcel?.code ? <p class="muted" style="margin:0 0 4px">{t('orders.parcel', { code: g.parcel.code })}</p> : null}
            {g.lines.map((l) => (
              <div class="row spread">
                <a href={`/p/${l.productId}`}>{l.titleZh} × {l.quantity}</a>
                <span>{yuan(l.finalFen ?? l.lineTotalFen)}</span>
              </div>
            ))}
          </li>
        ))}
      </ul>
      <p class="row spread">
        <strong>{t('orders.total')}</strong>
        <span class="price">{yuan(o.totalFen)}</span>
      </p>
      {o.paymentMethod === 'pay_at_pickup' && !['cancelled', 'picked_up', 'expired'].includes(o.status) ? (
        <p class="muted">{t('orders.toPayAtPickup', { amount: yuan(o.goodsFen) })}</p>
      ) : null}
      {o.refunds.length ? (
        <>
          <h2>{t('orders.refunds')}</h2>
          <ul class="list" data-testid="order-refunds">
            {o.refunds.map((r) => (
              <li class="row spread">
                <span>{refundText(r)}</span>
                <span>
                  {yuan(r.amountFen)} <span class={`tag${r.status === 'failed' ? ' warn' : ''}`}>{refundStatusText(r.status)}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <TrackingList order={o} />

      {error ? <Notice kind="error">{error}</Notice> : null}
      {CANCELLABLE.includes(o.status) ? (
        <p>
          <button type="button" class="btn danger block" disabled={busy} onClick={cancel}>{t('orders.cancel')}</button>
        </p>
      ) : null}
    </>
  );
}

/**
 * Where to collect, when the point is open that day and how to reach it: a village station keeps short
 * hours, and a buyer on the road wants to call before the trip.
 */
function PointFacts({ point, pickupDay }: { point: PickupPoint; pickupDay: string }) {
  const weekday = new Date(`${pickupDay}T12:00:00+08:00`).getUTCDay() || 7;
  const closed = point.closedDays.find((c) => c.day === pickupDay);
  const hours = closed ? undefined : point.openingHours[String(weekday)];
  return (
    <>
      {point.name} · {point.address}
      <br />
      <span class={hours ? 'muted' : 'warn-text'} data-testid="point-hours">
        {hours ? t('orders.pointHours', hours) : closed?.reason ? t('orders.pointClosedWhy', { reason: closed.reason }) : t('orders.pointClosed')}
      </span>
      <br />
      <a href={`tel:${point.contactPhone}`}>{t('orders.pointCall', { phone: point.contactPhone })}</a>
    </>
  );
}

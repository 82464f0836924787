import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, qs } from '../../api/client';
import { explain } from '../../api/errors';
import type { Cart, Order, PickupDay, PickupPoint } from '../../api/types';
import { t } from '../../i18n';
import { config } from '../../lib/config';
import { day, earliestPickupDay, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { COUNTY_CODES, COUNTY_SEATS, countyName, type County } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, Notice, Spinner, described } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { idempotencyKeyFor, forgetKey } from './idempotency';

const COUNTY_KEY = 'zt.county';
const DAYS_SHOWN = 14;

export function Checkout(_: ScreenProps) {
  const cart = useLoad((signal) => api.get<Cart>('/api/cart', signal), []);
  const [county, setCounty] = useState<County>((localStorage.getItem(COUNTY_KEY) as County) || 'zhaoyang');
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [pointId, setPointId] = useState<string>('');
  const [pickupDay, setPickupDay] = useState<string>('');
  const [payment, setPayment] = useState<'pay_at_pickup' | 'online'>('pay_at_pickup');
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<{ summary: string; fields: Record<string, string> }>();

  // Distance from the buyer when the phone tells us where they are, else from the county seat.
  const origin = here ?? COUNTY_SEATS[county];
  const points = useLoad(
    (signal) =>
      api.get<{ items: PickupPoint[] }>(`/api/pickup-points${qs({ county: here ? undefined : county, near: `${origin.lat.toFixed(5)},${origin.lng.toFixed(5)}`, limit: 20 })}`, signal),
    [county, here?.lat, here?.lng],
  );
  const first = earliestPickupDay(config.orderCutoff);
  const days = useLoad(
    async (signal) => (pointId ? api.get<PickupDay[]>(`/api/pickup-points/${pointId}/availability${qs({ from: first, to: addDays(first, DAYS_SHOWN - 1) })}`, signal) : []),
    [pointId],
  );
  useEffect(() => {
    // A day chosen for another point may not exist at this one.
    setPickupDay('');
  }, [pointId]);

  const locate = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setHere({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { timeout: 10_000, maximumAge: 600_000 },
    );
  };

  const place = async () => {
    const fields: Record<string, string> = {};
    if (!pointId) fields.pickupPointId = t('checkout.choosePoint');
    if (!pickupDay) fields.pickupDay = t('checkout.chooseDay');
    if (Object.keys(fields).length) return setError({ summary: t('err.VALIDATION_FAILED'), fields });
    setPlacing(true);
    setError(undefined);
    const body = { pickupPointId: pointId, pickupDay, paymentMethod: payment };
    try {
      const order = await api.post<Order>('/api/orders', body, { 'idempotency-key': idempotencyKeyFor(body) });
      forgetKey();
      if (order.paymentMethod === 'online' && order.status === 'pending_payment') navigate(`/orders/${order.id}/pay`, { replace: true });
      else navigate(`/orders/${order.id}?placed=1`, { replace: true });
    } catch (err) {
      setPlacing(false);
      // Something another buyer took meanwhile (the day, the stock): show what is true now.
      if (err instanceof ApiError && ['PICKUP_DAY_FULL', 'PICKUP_DAY_CLOSED'].includes(err.code)) days.reload();
      if (err instanceof ApiError && ['INSUFFICIENT_STOCK', 'PRODUCT_UNAVAILABLE'].includes(err.code)) cart.reload();
      setError(explain(err));
    }
  };

  const c = cart.data;
  if (!c) return <LoadState state={cart} />;
  if (c.lines.length === 0) {
    navigate('/cart', { replace: true });
    return null;
  }
  const openDays = (days.data ?? []).filter((d) => d.open && d.remaining > 0);
  return (
    <>
      <h1>{t('checkout.title')}</h1>
      <ul class="list">
        {c.lines.map((l) => (
          <li class="row spread">
            <span>{l.titleZh} × {l.quantity}</span>
            <span>{l.lineTotalFen !== null ? yuan(l.lineTotalFen) : ''}</span>
          </li>
        ))}
      </ul>
      <p class="row spread">
        <strong>{t('cart.total')}</strong>
        <span class="price">{yuan(c.itemsFen)}</span>
      </p>

      <fieldset class="plain">
        <legend><h2>{t('checkout.point')}</h2></legend>
        <div class="row">
          <button type="button" class="btn secondary" onClick={locate} disabled={locating === 'busy'}>
            {locating === 'busy' ? t('checkout.locating') : t('checkout.useLocation')}
          </button>
        </div>
        {locating === 'failed' ? <p class="hint">{t('checkout.locationFailed')}</p> : null}
        {here ? null : (
          <Field id="county" label={t('checkout.county')}>
            <select
              {...described('county')}
              value={county}
              onChange={(e) => {
                const next = e.currentTarget.value as County;
                localStorage.setItem(COUNTY_KEY, next);
                setCounty(next);
                setPointId('');
              }}
            >
              {COUNTY_CODES.map((code) => <option value={code}>{countyName(code)}</option>)}
            </select>
          </Field>
        )}
        <LoadState state={points} />
        {points.data && points.data.items.length === 0 ? <Notice kind="info">{t('checkout.noPoints')}</Notice> : null}
        <div data-testid="points" aria-describedby={error?.fields.pickupPointId ? 'point-error' : undefined}>
          {points.data?.items.map((p) => (
            <label class="choice">
              <input type="radio" name="point" value={p.id} checked={pointId === p.id} onChange={() => setPointId(p.id)} />
              <span>
                <strong>{p.name}</strong>
                <br />
                <span class="muted">
                  {countyName(p.county)} {p.township} · {p.address}
                  {p.distanceKm !== undefined ? ` · ${t(here ? 'checkout.distance' : 'checkout.distanceFromSeat', { km: p.distanceKm })}` : ''}
                </span>
              </span>
            </label>
          ))}
        </div>
        {error?.fields.pickupPointId ? <p class="field-error" id="point-error" role="alert">{error.fields.pickupPointId}</p> : null}
      </fieldset>

      {pointId ? (
        <fieldset class="plain">
          <legend><h2>{t('checkout.day')}</h2></legend>
          {days.loading ? <Spinner /> : null}
          <LoadState state={days} />
          {days.data && !days.loading && openDays.length === 0 ? <Notice kind="info">{t('checkout.noDays')}</Notice> : null}
          <div class="days" data-testid="days">
            {(days.data ?? []).map((d) => {
              const usable = d.open && d.remaining > 0;
              return (
                <label class={`choice${usable ? '' : ' disabled'}`}>
                  <input type="radio" name="day" value={d.day} disabled={!usable} checked={pickupDay === d.day} onChange={() => setPickupDay(d.day)} />
                  <span>
                    {day(d.day)}
                    <br />
                    <span class="muted" style="font-size:.85rem">
                      {!d.open ? t('checkout.dayClosed') : d.remaining > 0 ? t('checkout.dayLeft', { n: d.remaining }) : t('checkout.dayFull')}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {error?.fields.pickupDay ? <p class="field-error" role="alert">{error.fields.pickupDay}</p> : null}
        </fieldset>
      ) : null}

      <fieldset class="plain">
        <legend><h2>{t('checkout.pay')}</h2></legend>
        <label class="choice">
          <input type="radio" name="pay" value="pay_at_pickup" checked={payment === 'pay_at_pickup'} onChange={() => setPayment('pay_at_pickup')} />
          <span>{t('checkout.payAtPickup')}</span>
        </label>
        {config.stripePublishableKey ? (
          <label class="choice">
            <input type="radio" name="pay" value="online" checked={payment === 'online'} onChange={() => setPayment('online')} />
            <span>{t('checkout.payOnline')}</span>
          </label>
        ) : null}
      </fieldset>

      {error ? <Notice kind="error">{error.summary}</Notice> : null}
      <div class="sticky-bar">
        <button type="button" class="btn block" disabled={placing} onClick={place}>
          {placing ? t('checkout.placing') : `${t('checkout.place')} · ${yuan(c.itemsFen)}`}
        </button>
      </div>
    </>
  );
}

function addDays(isoDay: string, n: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

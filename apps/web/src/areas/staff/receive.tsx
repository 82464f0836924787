import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import { explain } from '../../api/errors';
import { t } from '../../i18n';
import { day } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { WithPoint } from './point';
import { ScanField } from './scanner';
import type { Receipt, StaffParcel, StaffPoint } from './types';
import { statusWord, w } from './words';

export function Receive(_: ScreenProps) {
  return (
    <>
      <h1>{w('receive.title')}</h1>
      <WithPoint>{(point) => <ReceiveAt key={point.id} point={point} />}</WithPoint>
    </>
  );
}

export const itemsText = (p: StaffParcel) => p.items.map((i) => `${i.titleZh} × ${i.quantity}${unitName(i.unit)}`).join('、');

function ReceiveAt({ point }: { point: StaffPoint }) {
  const base = `/api/pickup-points/${point.id}`;
  const expected = useLoad((signal) => api.get<{ items: StaffParcel[] }>(`${base}/parcels?status=expected&limit=500`, signal), [point.id]);
  const received = useLoad((signal) => api.get<{ items: StaffParcel[] }>(`${base}/parcels?status=received&limit=50`, signal), [point.id]);
  const [scanError, setScanError] = useState<string>();
  const { busy, done, error, act } = useAction({
    succeeded: () => {
      expected.reload();
      received.reload();
    },
  });

  const receive = (code: string) => {
    setScanError(undefined);
    void act(
      async () => {
        const r = await api.post<Receipt>(`${base}/receive`, { parcelCode: code });
        const left = r.collection.parcelsStillExpected;
        return `${w('receive.done', { code: r.parcel.code })}。${left ? w('receive.stillExpected', { n: left }) : r.collection.status === 'waiting' ? w('receive.orderReady') : ''}`;
      },
      { onError: (err) => setScanError(err instanceof ApiError && err.status === 404 ? w('receive.notFound', { code }) : explain(err).summary) },
    );
  };

  const checkIn = (shipmentId: string, n: number) => {
    if (!window.confirm(w('receive.checkInConfirm', { n }))) return;
    void act(async () => {
      const r = await api.post<{ receivedNow: number }>(`${base}/shipments/${shipmentId}/check-in`);
      return w('receive.checkedIn', { n: r.receivedNow });
    });
  };

  const problem = (p: StaffParcel, kind: 'missing' | 'damaged') => {
    const kindWord = statusWord('parcel', kind);
    if (!window.confirm(w('receive.problemConfirm', { kind: kindWord }))) return;
    void act(async () => {
      await api.post(`${base}/parcels/${p.id}/problem`, { kind });
      return w('receive.problemDone', { code: p.code, kind: kindWord });
    });
  };

  const shipments = new Map<string, StaffParcel[]>();
  for (const p of expected.data?.items ?? []) shipments.set(p.shipmentId, [...(shipments.get(p.shipmentId) ?? []), p]);

  return (
    <>
      <ScanField id="receive-code" label={w('receive.scan')} submitLabel={w('receive.submit')} busy={busy} error={scanError} onCode={receive} />
      <Outcome done={done} error={error} />

      <h2>{w('receive.expected')}</h2>
      <LoadState state={expected} />
      {expected.data && shipments.size === 0 ? <p class="muted">{w('receive.noExpected')}</p> : null}
      {[...shipments].map(([shipmentId, parcels]) => (
        <section class="shipment" data-testid="shipment">
          <div class="row spread">
            <strong>{w('receive.shipment', { n: parcels.length, day: day(parcels[0].pickupDay) })}</strong>
            <button type="button" class="btn small" disabled={busy} onClick={() => checkIn(shipmentId, parcels.length)}>{w('receive.checkIn')}</button>
          </div>
          <ul class="list">
            {parcels.map((p) => (
              <li data-testid="expected-parcel">
                <ParcelLine p={p} />
                <div class="row">
                  <button type="button" class="btn danger small" disabled={busy} onClick={() => problem(p, 'missing')}>{w('receive.missing')}</button>
                  <button type="button" class="btn danger small" disabled={busy} onClick={() => problem(p, 'damaged')}>{w('receive.damaged')}</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2>{w('receive.received')}</h2>
      <LoadState state={received} />
      {received.data?.items.length === 0 ? <p class="muted">{t('common.none')}</p> : null}
      <ul class="list">
        {received.data?.items.map((p) => (
          <li>
            <ParcelLine p={p} />
            <button type="button" class="btn danger small" disabled={busy} onClick={() => problem(p, 'damaged')}>{w('receive.damaged')}</button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ParcelLine({ p }: { p: StaffParcel }) {
  return (
    <div class="parcel-line">
      <div class="row spread">
        <span class="mono">{p.code}</span>
        <span class="tag">{statusWord('parcel', p.status)}</span>
      </div>
      <p style="margin:2px 0">{itemsText(p)}</p>
      <p class="muted" style="margin:0;font-size:.9rem">{p.producerName}</p>
      {p.perishable ? <p class="tag warn">{w('parcel.perishable')}</p> : null}
    </div>
  );
}

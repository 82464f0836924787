import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import { explain } from '../../api/errors';
import { dateTime, yuan } from '../../lib/format';
import type { ScreenProps } from '../../routes';
import { described, Field, Notice } from '../../ui/bits';
import { WithPoint } from './point';
import { ParcelLine } from './receive';
import { ScanField } from './scanner';
import type { StaffCollection, StaffParcel, StaffPoint } from './types';
import { statusWord, w } from './words';

const SETTLEMENTS = ['cash', 'wechat', 'alipay'] as const;
type Found = { parcel: StaffParcel; collection: StaffCollection };

export function Handover({ query }: ScreenProps) {
  return (
    <>
      <h1>{w('handover.title')}</h1>
      <WithPoint>{(point) => <HandoverAt key={point.id} point={point} start={query.get('code')} />}</WithPoint>
    </>
  );
}

function HandoverAt({ point, start }: { point: StaffPoint; start: string | null }) {
  const [found, setFound] = useState<Found>();
  const [handed, setHanded] = useState<StaffCollection>();
  const [busy, setBusy] = useState(false);
  const [scanError, setScanError] = useState<string>();

  const find = async (code: string) => {
    setBusy(true);
    setScanError(undefined);
    setFound(undefined);
    setHanded(undefined);
    try {
      setFound(await api.get<Found>(`/api/pickup-points/${point.id}/parcels/by-code/${encodeURIComponent(code)}`));
    } catch (err) {
      setScanError(err instanceof ApiError && err.status === 404 ? w('handover.notHere') : explain(err).summary);
    } finally {
      setBusy(false);
    }
  };
  // Opened from the waiting list with the parcel code already known.
  useEffect(() => {
    if (start) void find(start);
  }, [start]);

  if (handed) {
    return (
      <>
        <Notice kind="ok">
          <strong data-testid="handover-done">{w('handover.done')}</strong>
          {handed.paidAtPickupFen ? <> · {yuan(handed.paidAtPickupFen)}（{w(`handover.${handed.settlement}` as 'handover.cash')}）</> : null}
        </Notice>
        <button type="button" class="btn block" onClick={() => { setHanded(undefined); setFound(undefined); }}>{w('handover.next')}</button>
      </>
    );
  }
  return (
    <>
      <ScanField id="handover-parcel" label={w('handover.scan')} submitLabel={w('handover.find')} busy={busy} error={scanError} onCode={find} />
      {found ? <CollectionAtCounter key={found.collection.id} point={point} c={found.collection} onHanded={setHanded} /> : null}
    </>
  );
}

function CollectionAtCounter({ point, c: initial, onHanded }: { point: StaffPoint; c: StaffCollection; onHanded: (c: StaffCollection) => void }) {
  const [c, setC] = useState(initial);
  const [code, setCode] = useState('');
  const [settlement, setSettlement] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<{ code?: string; settlement?: string }>({});
  const [summary, setSummary] = useState<string>();
  const payAtPickup = c.paymentMethod === 'pay_at_pickup';

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: typeof fields = {};
    if (!/^\d{6}$/.test(code.trim())) problems.code = w('handover.codeFormat');
    if (payAtPickup && !settlement) problems.settlement = w('handover.chooseSettlement');
    setFields(problems);
    setSummary(undefined);
    if (problems.code || problems.settlement) return;
    setBusy(true);
    try {
      const done = await api.post<StaffCollection>(`/api/pickup-points/${point.id}/collections/${c.id}/handover`, {
        code: code.trim(),
        ...(payAtPickup ? { settlement } : {}),
      });
      onHanded(done);
    } catch (err) {
      const reason = err instanceof ApiError ? (err.details?.reason as string | undefined) : undefined;
      if (reason === 'WRONG_PICKUP_CODE') {
        const left = Number(err instanceof ApiError ? err.details?.attemptsLeft : 0);
        setFields({ code: w('handover.wrongCode', { n: left }) });
        setC({ ...c, attemptsLeft: left });
        setCode('');
      } else if (reason === 'PICKUP_CODE_LOCKED') {
        setC({ ...c, status: 'locked', attemptsLeft: 0 });
        setCode('');
      } else if (reason === 'ALREADY_HANDED_OVER') {
        setC({ ...c, status: 'handed_over' });
      } else if (err instanceof ApiError && err.code === 'INVALID_TRANSITION') {
        setSummary(w('handover.notReady'));
      } else {
        const ex = explain(err);
        setFields({ code: ex.fields.code, settlement: ex.fields.settlement ? w('handover.chooseSettlement') : undefined });
        setSummary(ex.summary);
      }
    } finally {
      setBusy(false);
    }
  };

  const canHand = c.status === 'waiting' || c.status === 'overdue';
  return (
    <section aria-labelledby="collection-h" data-testid="collection">
      <h2 id="collection-h">
        {w('handover.order')} <span class="tag">{statusWord('collection', c.status)}</span>
      </h2>
      <ul class="list">
        {(c.parcelList ?? []).map((p) => <li><ParcelLine p={p} /></li>)}
      </ul>
      {c.deadline && canHand ? <p class="muted">{w('waiting.deadline', { time: dateTime(c.deadline) })}</p> : null}
      {c.status === 'expected' ? <Notice kind="info">{w('handover.notReady')}</Notice> : null}
      {c.status === 'locked' ? <Notice kind="error">{w('handover.locked')}</Notice> : null}
      {c.status === 'handed_over' ? <Notice kind="info">{w('handover.already')}</Notice> : null}
      {canHand ? (
        <form onSubmit={submit} noValidate>
          <p class={payAtPickup ? 'due' : 'muted'} data-testid="amount-due">
            {payAtPickup ? w('handover.payAtPickup', { amount: yuan(c.amountDueFen) }) : w('handover.paidOnline')}
          </p>
          {payAtPickup ? (
            <fieldset class="plain field" aria-describedby={fields.settlement ? 'settlement-error' : undefined}>
              <legend><strong>{w('handover.settlement')}</strong></legend>
              <div class="row settle">
                {SETTLEMENTS.map((s) => (
                  <label class="choice">
                    <input type="radio" name="settlement" value={s} checked={settlement === s} onChange={() => setSettlement(s)} />
                    {w(`handover.${s}`)}
                  </label>
                ))}
              </div>
              {fields.settlement ? <p class="field-error" id="settlement-error" role="alert">{fields.settlement}</p> : null}
            </fieldset>
          ) : null}
          <Field id="pickup-code" label={w('handover.code')} error={fields.code} hint={w('handover.codeHint')}>
            <input
              {...described('pickup-code', fields.code, w('handover.codeHint'))}
              class="code-input"
              inputMode="numeric"
              autocomplete="off"
              maxLength={6}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            />
          </Field>
          {c.attemptsLeft !== null && !fields.code ? <p class="muted">{w('handover.attemptsLeft', { n: c.attemptsLeft })}</p> : null}
          {summary ? <Notice kind="error">{summary}</Notice> : null}
          <button type="submit" class="btn block" disabled={busy}>{w('handover.submit')}</button>
        </form>
      ) : null}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import { explain } from '../../api/errors';
import { day as dayName, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { described, Field, Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { PackTask, TaskLine } from './packing';
import { taskStatus } from './packing';
import { w } from './phase2-words';

/** docs/fulfilment.md "Catch weight": the server's CATCH_WEIGHT_TOLERANCE_PCT, 5 unless changed; the server decides. */
const TOLERANCE_PCT = 5;
const GRAMS: Record<string, number> = { jin: 500, kg: 1000 };

interface Answer {
  weight: string;
  unit: 'jin' | 'g';
  short: boolean;
}

const jin = (grams: number) => String(Math.round((grams / 500) * 100) / 100);
function range(l: TaskLine) {
  const ordered = l.orderedGrams ?? 0;
  const slack = Math.floor((ordered * TOLERANCE_PCT) / 100);
  return { min: ordered - slack, max: ordered + slack };
}
function gramsOf(a: Answer): number | null {
  const text = a.weight.trim().replace('，', '.');
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(text)) return null;
  return Math.round(a.unit === 'jin' ? Number(text) * 500 : Number(text));
}
const priceFor = (l: TaskLine, grams: number) => Math.round((l.unitPriceFen * grams) / (GRAMS[l.unit] ?? 500));

export function PackTaskScreen({ params }: ScreenProps) {
  const task = useLoad((signal) => api.get<PackTask>(`/api/logistics/pack-tasks/${params.id}`, signal), [params.id]);
  const t = task.data;
  if (!t) return <LoadState state={task} />;
  return (
    <>
      <h1>{w('task.title')} <span class="tag">{taskStatus(t.status)}</span></h1>
      <p>{w('task.for', { day: dayName(t.pickupDay), point: t.pickupPointName ?? w('pack.pointUnknown') })}</p>
      {t.status === 'open' ? <PackForm key={t.id} task={t} onPacked={task.set} /> : <Packed task={t} />}
      <p><a href="/farm/packing">{w('label.back')}</a></p>
    </>
  );
}

function Packed({ task: t }: { task: PackTask }) {
  return (
    <>
      {t.status === 'packed' ? <Notice kind="ok">{w('task.packed')}</Notice> : null}
      {t.status === 'short' ? <Notice kind="info">{w('task.allShort')}</Notice> : null}
      {t.status === 'cancelled' ? <Notice kind="info">{w('task.cancelled')}</Notice> : null}
      {t.parcel?.status === 'voided' ? <Notice kind="error">{w('task.voided')}</Notice> : null}
      <ul class="list">
        {t.lines.map((l) => (
          <li>
            <strong>{l.titleZh}</strong> × {l.quantity}{unitName(l.unit)}
            <p class="muted" style="margin:2px 0 0">
              {l.short
                ? w('task.line.short')
                : l.packedGrams !== null
                  ? w('task.line.packed', { grams: l.packedGrams, amount: yuan(l.finalFen ?? 0) })
                  : l.finalFen !== null
                    ? w('task.line.asOrdered', { amount: yuan(l.finalFen) })
                    : ''}
            </p>
          </li>
        ))}
      </ul>
      {t.parcel && t.parcel.status !== 'voided' ? (
        <>
          <p class="mono-code" data-testid="parcel-code">{t.parcel.code}</p>
          <a class="btn block" href={`/farm/labels/${t.parcel.id}`}>{w('task.label')}</a>
        </>
      ) : null}
    </>
  );
}

function PackForm({ task, onPacked }: { task: PackTask; onPacked: (t: PackTask) => void }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(task.lines.map((l) => [l.productId, { weight: '', unit: 'jin', short: false }])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (id: string, next: Partial<Answer>) => {
    setAnswers({ ...answers, [id]: { ...answers[id], ...next } });
    // A changed answer is no longer the one that was refused.
    if (errors[id]) setErrors({ ...errors, [id]: '' });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const lines = task.lines.map((l) => {
      const a = answers[l.productId];
      if (a.short) return { productId: l.productId, short: true };
      if (!l.soldByWeight) return { productId: l.productId };
      const grams = gramsOf(a);
      const r = range(l);
      if (grams === null || grams < 1) problems[l.productId] = w('task.weightNeeded');
      else if (grams < r.min || grams > r.max) problems[l.productId] = w('task.outOfRange', { min: jin(r.min), max: jin(r.max) });
      return { productId: l.productId, packedGrams: grams ?? 0 };
    });
    setErrors(problems);
    setSummary(undefined);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      onPacked(await api.post<PackTask>(`/api/logistics/pack-tasks/${task.id}/pack`, { lines }));
    } catch (err) {
      // The API names lines by their index in what was sent ("lines.0.packedGrams").
      const byLine: Record<string, string> = {};
      if (err instanceof ApiError) {
        for (const f of err.fields) {
          const m = /^lines\.(\d+)\./.exec(f.field);
          const line = m ? task.lines[Number(m[1])] : undefined;
          if (line) {
            const r = range(line);
            byLine[line.productId] = w('task.outOfRange', { min: jin(r.min), max: jin(r.max) });
          }
        }
      }
      setErrors(byLine);
      setSummary(err instanceof ApiError && err.code === 'INVALID_TRANSITION' ? w('task.cancelled') : explain(err).summary);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ul class="list">
        {task.lines.map((l) => {
          const a = answers[l.productId];
          const id = `w-${l.productId}`;
          const err = errors[l.productId];
          const r = range(l);
          const grams = gramsOf(a);
          const price = grams && l.soldByWeight ? priceFor(l, grams) : null;
          return (
            <li data-testid="pack-line">
              <strong>{l.titleZh}</strong>
              <p style="margin:2px 0 8px">{w('task.ordered', { qty: l.quantity, unit: unitName(l.unit), amount: yuan(l.lineTotalFen) })}</p>
              {l.soldByWeight && !a.short ? (
                <Field id={id} label={`${w('task.weight')}（${a.unit === 'jin' ? w('task.jin') : w('task.gram')}）`} error={err} hint={w('task.range', { min: jin(r.min), max: jin(r.max), gmin: r.min, gmax: r.max })}>
                  <div class="row" style="flex-wrap:nowrap">
                    <input
                      {...described(id, err, w('task.range', { min: jin(r.min), max: jin(r.max), gmin: r.min, gmax: r.max }))}
                      inputMode="decimal"
                      autocomplete="off"
                      value={a.weight}
                      onInput={(e) => set(l.productId, { weight: e.currentTarget.value })}
                    />
                    <select aria-label={w('task.weightUnit')} value={a.unit} onChange={(e) => set(l.productId, { unit: e.currentTarget.value as Answer['unit'] })} style="width:auto">
                      <option value="jin">{w('task.jin')}</option>
                      <option value="g">{w('task.gram')}</option>
                    </select>
                  </div>
                </Field>
              ) : null}
              {price !== null && !a.short ? (
                <p class="price-follows" aria-live="polite">
                  {price > l.lineTotalFen ? w('task.priceCapped', { amount: yuan(price), cap: yuan(l.lineTotalFen) }) : w('task.priceFollows', { amount: yuan(price) })}
                </p>
              ) : null}
              {!l.soldByWeight && !a.short ? <p class="muted">{w('task.asOrdered')}</p> : null}
              <label class="choice">
                <input type="checkbox" checked={a.short} onChange={(e) => set(l.productId, { short: e.currentTarget.checked })} />
                <span>{w('task.short')}<br /><span class="muted" style="font-size:.9rem">{w('task.shortNote')}</span></span>
              </label>
            </li>
          );
        })}
      </ul>
      {summary ? <Notice kind="error">{summary}</Notice> : null}
      <button type="submit" class="btn block" disabled={busy}>{w('task.submit')}</button>
    </form>
  );
}

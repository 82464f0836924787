import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { pick } from '../../i18n';
import { bookedProblem } from '../../lib/booked';
import { COUNTY_CODES, countyName } from '../../lib/vocab';
import { described, Field, Notice } from '../../ui/bits';
import { PICKUP_POINT_KIND_CODES, PICKUP_POINT_KINDS, withinZhaotong } from '../../../../../libs/contracts/src/pickup';
import { WeeklyHoursEditor } from '../../ui/weekly-hours';
import { bodyOf, changes, check, FIELDS, NEW_POINT, problemText, valuesOf, type FieldName, type Problems, type Values } from './point-values';
import type { AdminPoint } from './types';
import { w } from './words';

/** "27.4312, 103.5893" as a map app copies it. */
const PAIR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

type TextField = Exclude<keyof Values, 'hours' | 'cold'>;

interface Props {
  /** The point to change; without it the form records a new one. */
  point?: AdminPoint;
  onSaved: (p: AdminPoint) => void;
  /** A new point is its own screen, left by a link; a point being changed sits in its card, closed by a button. */
  cancelHref?: string;
  onCancel?: () => void;
}

/**
 * 新建服务站 and 修改服务站, one form. New: everything CreatePointDto asks for, with defaults (every day
 * 08:00–19:00, 50 parcels, 1.5%) so a typical village station is the name, the place and a phone number;
 * it is created proposed. Changing: the point's values, and only what was changed is sent.
 */
export function PointForm({ point, onSaved, cancelHref, onCancel }: Props) {
  // Ids must not repeat when several cards are being changed at once.
  const id = point ? `pe-${point.id}` : 'np';
  const [before] = useState<Values>(() => (point ? valuesOf(point) : NEW_POINT));
  const [v, setV] = useState<Values>(before);
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<string>();
  // The values that were found unchanged: the note goes as soon as anything is typed (setV makes a new object).
  const [unchanged, setUnchanged] = useState<Values>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened in a card far down the list: the form's top is brought into view, without a keyboard popping up.
  useEffect(() => void (point && heading.current?.focus()), []);
  const set = (name: TextField) => (e: { currentTarget: { value: string } }) => setV((old) => ({ ...old, [name]: e.currentTarget.value }));

  /** The form is long on a phone: the first field to fix is brought into view (after the errors render), else the refusal at the top. */
  const showProblem = () =>
    void setTimeout(() => {
      const first = form.current?.querySelector<HTMLElement>(`[aria-invalid="true"], #${id}-openingHours-error`) ?? form.current?.querySelector<HTMLElement>(`#${id}-summary`);
      first?.focus();
    }, 0);

  const send = (): Promise<AdminPoint> => {
    if (point) return api.patch<AdminPoint>(`/api/pickup-points/${point.id}`, changes(before, v));
    // A new point has no village or contact to clear: an empty one is left out.
    const body = bodyOf(v);
    return api.post<AdminPoint>('/api/pickup-points', Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found = check(v);
    setProblems(found);
    setSummary(Object.keys(found).length ? w('points.form.problems') : undefined);
    if (Object.keys(found).length) return showProblem();
    // An empty PATCH would answer "saved" for nothing: the admin may think a change went through.
    if (point && !Object.keys(changes(before, v)).length) return setUnchanged(v);
    setBusy(true);
    try {
      onSaved(await send());
    } catch (err) {
      const booked = bookedProblem(err, (days) => w('points.edit.booked', { days }), (day, n) => w('points.edit.bookedDay', { day, n }));
      const ex = explain(err);
      // The API's own field messages are English and technical: each named field gets this form's words.
      const onFields: Problems = Object.fromEntries(FIELDS.filter((f) => ex.fields[f]).map((f) => [f, problemText(f)]));
      setProblems(booked ? { openingHours: w('points.edit.bookedField') } : onFields);
      setSummary(booked ?? ex.summary);
      showProblem();
    } finally {
      setBusy(false);
    }
  };

  const text = (name: TextField & FieldName, label: string, extra: Record<string, unknown> = {}, optional = false) => (
    <Field id={`${id}-${name}`} label={label} error={problems[name]} optional={optional}>
      <input {...described(`${id}-${name}`, problems[name])} value={v[name]} onInput={set(name)} {...extra} />
    </Field>
  );
  const Heading = point ? 'h2' : 'h1';

  return (
    <form ref={form} noValidate onSubmit={submit} data-testid={point ? 'edit-point' : 'new-point'} aria-labelledby={`${id}-title`}>
      <Heading ref={heading} id={`${id}-title`} tabIndex={point ? -1 : undefined} class={point ? 'pt-name' : undefined}>{point ? w('points.edit.title', { point: point.name }) : w('points.new')}</Heading>
      <p class="muted">{w(point ? 'points.edit.intro' : 'points.form.intro')}</p>
      {summary ? <div id={`${id}-summary`} tabIndex={-1}><Notice kind="error">{summary}</Notice></div> : null}
      {text('name', w('points.form.name'), { maxLength: 60, placeholder: '洒渔镇光明村村级服务站' })}
      <Field id={`${id}-kind`} label={w('points.form.kind')} error={problems.kind}>
        <select {...described(`${id}-kind`, problems.kind)} value={v.kind} onChange={set('kind')}>
          {PICKUP_POINT_KIND_CODES.map((k) => <option value={k}>{pick(PICKUP_POINT_KINDS[k])}</option>)}
        </select>
      </Field>
      <Field id={`${id}-county`} label={w('points.county')} error={problems.county}>
        <select {...described(`${id}-county`, problems.county)} value={v.county} onChange={set('county')}>
          {COUNTY_CODES.map((c) => <option value={c}>{countyName(c)}</option>)}
        </select>
      </Field>
      {text('township', w('points.form.township'), { maxLength: 30, placeholder: '洒渔镇' })}
      {text('village', w('points.form.village'), { maxLength: 30, placeholder: '光明村' }, true)}
      {text('address', w('points.form.address'), { maxLength: 120, placeholder: '光明村委会旁' })}
      <Place id={id} lat={v.lat} lng={v.lng} problems={problems} onChange={(lat, lng) => setV((old) => ({ ...old, lat, lng }))} />
      <WeeklyHoursEditor
        id={`${id}-openingHours`}
        legend={w('points.form.hours')}
        hint={w('points.form.hoursHint')}
        hours={v.hours}
        error={problems.openingHours}
        onChange={(hours) => setV((old) => ({ ...old, hours }))}
      />
      <Field id={`${id}-capacityPerDay`} label={w('points.form.capacity')} hint={point ? w('points.edit.capacityHint') : undefined} error={problems.capacityPerDay}>
        <input {...described(`${id}-capacityPerDay`, problems.capacityPerDay, point ? w('points.edit.capacityHint') : undefined)} inputMode="numeric" value={v.capacity} onInput={set('capacity')} />
      </Field>
      <label class="choice">
        <input type="checkbox" checked={v.cold} onChange={(e) => setV((old) => ({ ...old, cold: e.currentTarget.checked }))} />
        {w('points.form.cold')}
      </label>
      <Field id={`${id}-commissionBps`} label={w('points.form.commission')} hint={w('points.form.commissionHint')} error={problems.commissionBps}>
        <input {...described(`${id}-commissionBps`, problems.commissionBps, w('points.form.commissionHint'))} inputMode="decimal" value={v.commission} onInput={set('commission')} />
      </Field>
      {text('contactName', w('points.form.contactName'), { maxLength: 20, autoComplete: 'off' }, true)}
      {text('contactPhone', w('points.form.contactPhone'), { type: 'tel', inputMode: 'numeric', maxLength: 11 })}
      <div aria-live="polite">{unchanged === v ? <Notice kind="info">{w('points.edit.nothing')}</Notice> : null}</div>
      <button type="submit" class="btn block" disabled={busy}>{w(point ? 'points.edit.submit' : 'points.form.submit')}</button>
      <p>
        {onCancel ? (
          <button type="button" class="btn secondary block" onClick={onCancel}>{w('points.cancel')}</button>
        ) : (
          <a href={cancelHref} class="btn secondary block">{w('points.cancel')}</a>
        )}
      </p>
    </form>
  );
}

/** Latitude and longitude, filled from the phone's GPS at the door of the point, or typed or pasted. */
function Place({ id, lat, lng, problems, onChange }: { id: string; lat: string; lng: string; problems: Problems; onChange: (lat: string, lng: string) => void }) {
  const [locating, setLocating] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const locate = () => {
    if (!navigator.geolocation) return setNote({ ok: false, text: w('points.form.geoNone') });
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const { latitude, longitude, accuracy } = pos.coords;
        if (!withinZhaotong(latitude, longitude)) return setNote({ ok: false, text: w('points.form.geoOutside') });
        // Five places is about a metre: more than a phone's GPS knows.
        onChange(latitude.toFixed(5), longitude.toFixed(5));
        setNote({ ok: true, text: w('points.form.located', { m: Math.max(1, Math.round(accuracy)) }) });
      },
      (err) => {
        setLocating(false);
        setNote({ ok: false, text: w(err.code === err.PERMISSION_DENIED ? 'points.form.geoDenied' : 'points.form.geoFailed') });
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  return (
    <fieldset class="plain pt-place">
      <legend class="pt-legend">{w('points.form.place')}</legend>
      <p class="hint" id={`${id}-place-hint`}>{w('points.form.placeHint')}</p>
      <button type="button" class="btn secondary block" disabled={locating} onClick={locate}>
        {locating ? w('points.form.locating') : w('points.form.locate')}
      </button>
      <div aria-live="polite">{note ? <p class={note.ok ? 'hint' : 'field-error'}>{note.text}</p> : null}</div>
      <div class="pt-pair">
        <Field id={`${id}-lat`} label={w('points.form.lat')} error={problems.lat}>
          <input
            {...described(`${id}-lat`, problems.lat)}
            inputMode="decimal"
            autoComplete="off"
            placeholder="27.4312"
            value={lat}
            onInput={(e) => {
              const both = PAIR.exec(e.currentTarget.value);
              if (both) onChange(both[1], both[2]);
              else onChange(e.currentTarget.value, lng);
            }}
          />
        </Field>
        <Field id={`${id}-lng`} label={w('points.form.lng')} error={problems.lng}>
          <input {...described(`${id}-lng`, problems.lng)} inputMode="decimal" autoComplete="off" placeholder="103.5893" value={lng} onInput={(e) => onChange(lat, e.currentTarget.value)} />
        </Field>
      </div>
    </fieldset>
  );
}


import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { pick } from '../../i18n';
import { COUNTY_CODES, countyName } from '../../lib/vocab';
import { described, Field, Notice } from '../../ui/bits';
// Shared with the server's DTO, so the form's bounds and kinds cannot drift from what it accepts.
import { PICKUP_POINT_KIND_CODES, PICKUP_POINT_KINDS, ZHAOTONG_BOUNDS } from '../../../../../libs/contracts/src/pickup';
import { EVERY_DAY_USUAL, weeklyHoursProblem, WeeklyHoursEditor, type WeeklyHours } from '../../ui/weekly-hours';
import type { AdminPoint } from './types';
import { w, type AdminWord } from './words';

const PHONE = /^1[3-9]\d{9}$/;
const NUMBER = /^-?\d{1,3}(\.\d+)?$/;
/** "27.4312, 103.5893" as a map app copies it. */
const PAIR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** The API's field names: problems are keyed by them, so the server's field errors land on the same fields. */
type FieldName = 'name' | 'kind' | 'county' | 'township' | 'village' | 'address' | 'lat' | 'lng' | 'openingHours' | 'capacityPerDay' | 'coldStorage' | 'commissionBps' | 'contactName' | 'contactPhone';
type Problems = Partial<Record<FieldName, string>>;
const FIELDS: FieldName[] = ['name', 'kind', 'county', 'township', 'village', 'address', 'lat', 'lng', 'openingHours', 'capacityPerDay', 'coldStorage', 'commissionBps', 'contactName', 'contactPhone'];

function problemText(field: FieldName): string {
  if (field === 'lat') return w('points.err.lat', { min: ZHAOTONG_BOUNDS.minLat, max: ZHAOTONG_BOUNDS.maxLat });
  if (field === 'lng') return w('points.err.lng', { min: ZHAOTONG_BOUNDS.minLng, max: ZHAOTONG_BOUNDS.maxLng });
  return w(`points.err.${field}` as AdminWord);
}

/** Decimal degrees to the 6 places the server keeps (about 0.1 m); null when it is not a number. */
function degrees(text: string): number | null {
  const s = text.trim();
  return NUMBER.test(s) ? Math.round(Number(s) * 1e6) / 1e6 : null;
}

/** The form is long on a phone: the first field to fix is brought into view (after the errors render). */
const focusFirstProblem = () =>
  void setTimeout(() => document.querySelector<HTMLElement>('[data-testid=new-point] [aria-invalid="true"], #np-openingHours-error')?.focus(), 0);

const inZhaotong = (lat: number, lng: number) =>
  lat >= ZHAOTONG_BOUNDS.minLat && lat <= ZHAOTONG_BOUNDS.maxLat && lng >= ZHAOTONG_BOUNDS.minLng && lng <= ZHAOTONG_BOUNDS.maxLng;

interface Values {
  name: string;
  kind: string;
  county: string;
  township: string;
  village: string;
  address: string;
  lat: string;
  lng: string;
  capacity: string;
  commission: string;
  contactName: string;
  contactPhone: string;
}

/** The same checks as CreatePointDto, so most mistakes are caught before a round trip on a weak signal. */
function check(v: Values, hours: WeeklyHours): Problems {
  const p: Problems = {};
  const len = (s: string) => [...s.trim()].length;
  if (len(v.name) < 2 || len(v.name) > 60) p.name = problemText('name');
  if (!PICKUP_POINT_KIND_CODES.includes(v.kind as never)) p.kind = problemText('kind');
  if (!COUNTY_CODES.includes(v.county as never)) p.county = problemText('county');
  if (len(v.township) < 1 || len(v.township) > 30) p.township = problemText('township');
  if (len(v.village) > 30) p.village = problemText('village');
  if (len(v.address) < 2 || len(v.address) > 120) p.address = problemText('address');
  const lat = degrees(v.lat);
  const lng = degrees(v.lng);
  if (lat === null || lat < ZHAOTONG_BOUNDS.minLat || lat > ZHAOTONG_BOUNDS.maxLat) p.lat = problemText('lat');
  if (lng === null || lng < ZHAOTONG_BOUNDS.minLng || lng > ZHAOTONG_BOUNDS.maxLng) p.lng = problemText('lng');
  if (weeklyHoursProblem(hours)) p.openingHours = problemText('openingHours');
  if (!/^\d{1,5}$/.test(v.capacity.trim()) || Number(v.capacity) < 1 || Number(v.capacity) > 10000) p.capacityPerDay = problemText('capacityPerDay');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(v.commission.trim()) || Number(v.commission) > 100) p.commissionBps = problemText('commissionBps');
  if (len(v.contactName) > 20) p.contactName = problemText('contactName');
  if (!PHONE.test(v.contactPhone.trim())) p.contactPhone = problemText('contactPhone');
  return p;
}

/**
 * 新建服务站: everything CreatePointDto asks for, with defaults (every day 08:00–19:00, 50 parcels, 1.5%)
 * so a typical village station is the name, the place and a phone number. It is created proposed.
 */
export function NewPoint({ onCreated, cancelHref }: { onCreated: (p: AdminPoint) => void; cancelHref: string }) {
  const [v, setV] = useState<Values>({
    name: '', kind: 'village_station', county: 'zhaoyang', township: '', village: '', address: '',
    lat: '', lng: '', capacity: '50', commission: '1.5', contactName: '', contactPhone: '',
  });
  // Most village stations open every day around the market hours: a new point starts there.
  const [hours, setHours] = useState<WeeklyHours>(EVERY_DAY_USUAL);
  const [cold, setCold] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Values) => (e: { currentTarget: { value: string } }) => setV((old) => ({ ...old, [name]: e.currentTarget.value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found = check(v, hours);
    setProblems(found);
    setSummary(Object.keys(found).length ? w('points.form.problems') : undefined);
    if (Object.keys(found).length) return focusFirstProblem();
    setBusy(true);
    try {
      const created = await api.post<AdminPoint>('/api/pickup-points', {
        name: v.name.trim(),
        kind: v.kind,
        county: v.county,
        township: v.township.trim(),
        village: v.village.trim() || undefined,
        address: v.address.trim(),
        lat: degrees(v.lat),
        lng: degrees(v.lng),
        openingHours: hours,
        capacityPerDay: Number(v.capacity),
        coldStorage: cold,
        commissionBps: Math.round(Number(v.commission) * 100),
        contactName: v.contactName.trim() || undefined,
        contactPhone: v.contactPhone.trim(),
      });
      onCreated(created);
    } catch (err) {
      const ex = explain(err);
      // The API's own field messages are English and technical: each named field gets this form's words.
      setProblems(Object.fromEntries(FIELDS.filter((f) => ex.fields[f]).map((f) => [f, problemText(f)])));
      setSummary(ex.summary);
      focusFirstProblem();
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof Values & FieldName, label: string, extra: Record<string, unknown> = {}, optional = false) => (
    <Field id={`np-${name}`} label={label} error={problems[name]} optional={optional}>
      <input {...described(`np-${name}`, problems[name])} value={v[name]} onInput={set(name)} {...extra} />
    </Field>
  );

  return (
    <form noValidate onSubmit={submit} data-testid="new-point">
      <h1>{w('points.new')}</h1>
      <p class="muted">{w('points.form.intro')}</p>
      {summary ? <Notice kind="error">{summary}</Notice> : null}
      {text('name', w('points.form.name'), { maxLength: 60, placeholder: '洒渔镇光明村村级服务站' })}
      <Field id="np-kind" label={w('points.form.kind')} error={problems.kind}>
        <select {...described('np-kind', problems.kind)} value={v.kind} onChange={set('kind')}>
          {PICKUP_POINT_KIND_CODES.map((k) => <option value={k}>{pick(PICKUP_POINT_KINDS[k])}</option>)}
        </select>
      </Field>
      <Field id="np-county" label={w('points.county')} error={problems.county}>
        <select {...described('np-county', problems.county)} value={v.county} onChange={set('county')}>
          {COUNTY_CODES.map((c) => <option value={c}>{countyName(c)}</option>)}
        </select>
      </Field>
      {text('township', w('points.form.township'), { maxLength: 30, placeholder: '洒渔镇' })}
      {text('village', w('points.form.village'), { maxLength: 30, placeholder: '光明村' }, true)}
      {text('address', w('points.form.address'), { maxLength: 120, placeholder: '光明村委会旁' })}
      <Place lat={v.lat} lng={v.lng} problems={problems} onChange={(lat, lng) => setV((old) => ({ ...old, lat, lng }))} />
      <WeeklyHoursEditor id="np-openingHours" legend={w('points.form.hours')} hint={w('points.form.hoursHint')} hours={hours} error={problems.openingHours} onChange={setHours} />
      <Field id="np-capacityPerDay" label={w('points.form.capacity')} error={problems.capacityPerDay}>
        <input {...described('np-capacityPerDay', problems.capacityPerDay)} inputMode="numeric" value={v.capacity} onInput={set('capacity')} />
      </Field>
      <label class="choice">
        <input type="checkbox" checked={cold} onChange={(e) => setCold(e.currentTarget.checked)} />
        {w('points.form.cold')}
      </label>
      <Field id="np-commissionBps" label={w('points.form.commission')} hint={w('points.form.commissionHint')} error={problems.commissionBps}>
        <input {...described('np-commissionBps', problems.commissionBps, w('points.form.commissionHint'))} inputMode="decimal" value={v.commission} onInput={set('commission')} />
      </Field>
      {text('contactName', w('points.form.contactName'), { maxLength: 20, autoComplete: 'off' }, true)}
      {text('contactPhone', w('points.form.contactPhone'), { type: 'tel', inputMode: 'numeric', maxLength: 11 })}
      <button type="submit" class="btn block" disabled={busy}>{w('points.form.submit')}</button>
      <p><a href={cancelHref} class="btn secondary block">{w('points.cancel')}</a></p>
    </form>
  );
}

/** Latitude and longitude, filled from the phone's GPS at the door of the point, or typed or pasted. */
function Place({ lat, lng, problems, onChange }: { lat: string; lng: string; problems: Problems; onChange: (lat: string, lng: string) => void }) {
  const [locating, setLocating] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const locate = () => {
    if (!navigator.geolocation) return setNote({ ok: false, text: w('points.form.geoNone') });
    setLocating(true);
    setNote(undefined);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const { latitude, longitude, accuracy } = pos.coords;
        if (!inZhaotong(latitude, longitude)) return setNote({ ok: false, text: w('points.form.geoOutside') });
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
      <p class="hint" id="np-place-hint">{w('points.form.placeHint')}</p>
      <button type="button" class="btn secondary block" disabled={locating} onClick={locate}>
        {locating ? w('points.form.locating') : w('points.form.locate')}
      </button>
      <div aria-live="polite">{note ? <p class={note.ok ? 'hint' : 'field-error'}>{note.text}</p> : null}</div>
      <div class="pt-pair">
        <Field id="np-lat" label={w('points.form.lat')} error={problems.lat}>
          <input
            {...described('np-lat', problems.lat)}
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
        <Field id="np-lng" label={w('points.form.lng')} error={problems.lng}>
          <input {...described('np-lng', problems.lng)} inputMode="decimal" autoComplete="off" placeholder="103.5893" value={lng} onInput={(e) => onChange(lat, e.currentTarget.value)} />
        </Field>
      </div>
    </fieldset>
  );
}


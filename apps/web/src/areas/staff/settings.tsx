import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { bookedProblem } from '../../lib/booked';
import { chinaDay, day } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { capacityOk, contactNameOk, mobileOk } from '../../lib/point-rules';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { described, Field, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { weeklyHoursProblem, WeeklyHoursEditor, type WeeklyHours } from '../../ui/weekly-hours';
import { WithPoint } from './point';
import type { PointSettings, StaffPoint } from './types';
import { w } from './words';

/** The server takes closed days up to a year ahead (CLOSED_DAYS_AHEAD). */
const DAYS_AHEAD = 366;

/**
 * What the point's own staff may change: when it opens, how many parcels it takes a day, cold storage, who
 * to call, and the days it closes (a market day, the Spring Festival). Buyers only see days it is open.
 */
export function Settings(_: ScreenProps) {
  return (
    <>
      <h1>{w('settings.title')}</h1>
      <WithPoint>{(point) => <PointSettingsOf key={point.id} point={point} />}</WithPoint>
    </>
  );
}

function PointSettingsOf({ point }: { point: StaffPoint }) {
  const loaded = useLoad((signal) => api.get<PointSettings>(`/api/pickup-points/${point.id}`, signal), [point.id]);
  if (!loaded.data) return <LoadState state={loaded} />;
  return (
    <>
      <HoursForm settings={loaded.data} onSaved={loaded.set} />
      <ClosedDays settings={loaded.data} onChanged={loaded.set} />
      <p class="muted">{w('settings.onlyAdmin')}</p>
    </>
  );
}

/** "Orders are booked on those days" in the staff's words, from the 409's details. */
const booked = (err: unknown) => bookedProblem(err, (days) => w('settings.booked', { days }), (d, n) => w('settings.bookedDay', { day: d, n }));

interface Problems {
  hours?: string;
  capacity?: string;
  contactName?: string;
  contactPhone?: string;
}

function HoursForm({ settings, onSaved }: { settings: PointSettings; onSaved: (s: PointSettings) => void }) {
  const [hours, setHours] = useState<WeeklyHours>(settings.openingHours);
  const [capacity, setCapacity] = useState(String(settings.capacityPerDay));
  const [cold, setCold] = useState(settings.coldStorage);
  const [contactName, setContactName] = useState(settings.contactName ?? '');
  const [contactPhone, setContactPhone] = useState(settings.contactPhone);
  const [problems, setProblems] = useState<Problems>({});
  const { busy, done, error, act } = useAction({ describe: (err) => booked(err) ?? explain(err).summary });

  const check = (): Problems => {
    const p: Problems = {};
    const hoursProblem = weeklyHoursProblem(hours);
    if (hoursProblem) p.hours = w(hoursProblem === 'none-open' ? 'settings.noHours' : 'settings.badHours');
    if (!capacityOk(capacity)) p.capacity = w('settings.badCapacity');
    if (!contactNameOk(contactName)) p.contactName = w('settings.badName');
    if (!mobileOk(contactPhone)) p.contactPhone = w('settings.badPhone');
    return p;
  };

  const save = (e: Event) => {
    e.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length) return;
    void act(async () => {
      const body = {
        openingHours: hours,
        capacityPerDay: Number(capacity),
        coldStorage: cold,
        contactName: contactName.trim() || undefined,
        contactPhone: contactPhone.trim(),
      };
      onSaved(await api.patch<PointSettings>(`/api/pickup-points/${settings.id}`, body));
      return w('settings.saved');
    });
  };

  return (
    <form noValidate onSubmit={save} data-testid="point-hours">
      <WeeklyHoursEditor id="point-hours" legend={w('settings.hours')} error={problems.hours} hours={hours} onChange={setHours} />
      <Field id="point-capacity" label={w('settings.capacity')} error={problems.capacity}>
        <input {...described('point-capacity', problems.capacity)} inputMode="numeric" value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} />
      </Field>
      <label class="choice">
        <input type="checkbox" checked={cold} onChange={(e) => setCold(e.currentTarget.checked)} />
        {w('settings.cold')}
      </label>
      <Field id="point-contact-name" label={w('settings.contactName')} error={problems.contactName} optional>
        <input {...described('point-contact-name', problems.contactName)} maxLength={40} value={contactName} onInput={(e) => setContactName(e.currentTarget.value)} />
      </Field>
      <Field id="point-contact-phone" label={w('settings.contactPhone')} error={problems.contactPhone}>
        <input {...described('point-contact-phone', problems.contactPhone)} type="tel" inputMode="numeric" value={contactPhone} onInput={(e) => setContactPhone(e.currentTarget.value)} />
      </Field>
      <Outcome done={done} error={error} />
      <button type="submit" class="btn block" disabled={busy}>{w('settings.save')}</button>
    </form>
  );
}

function ClosedDays({ settings, onChanged }: { settings: PointSettings; onChanged: (s: PointSettings) => void }) {
  const [when, setWhen] = useState('');
  const [reason, setReason] = useState('');
  const [dayProblem, setDayProblem] = useState<string>();
  const { busyKey, done, error, act } = useAction({ describe: (err) => booked(err) ?? explain(err).summary });
  const first = chinaDay();
  const last = chinaDay(DAYS_AHEAD);

  const add = (e: Event) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(when) || when < first || when > last) return setDayProblem(w('settings.badDay'));
    setDayProblem(undefined);
    void act(
      async () => {
        onChanged(await api.put<PointSettings>(`/api/pickup-points/${settings.id}/closed-days/${when}`, reason.trim() ? { reason: reason.trim() } : {}));
        setWhen('');
        setReason('');
        return w('settings.added', { day: day(when) });
      },
      { key: 'add' },
    );
  };

  const reopen = (d: string) =>
    act(
      async () => {
        onChanged(await api.delete<PointSettings>(`/api/pickup-points/${settings.id}/closed-days/${d}`));
        return w('settings.reopened', { day: day(d) });
      },
      { key: d },
    );

  return (
    <section>
      <h2>{w('settings.closedDays')}</h2>
      {settings.closedDays.length === 0 ? <p class="muted">{w('settings.closedNone')}</p> : null}
      <ul class="list" data-testid="closed-days">
        {settings.closedDays.map((c) => (
          <li class="row spread">
            <span>
              <strong>{day(c.day)}</strong>
              {c.reason ? <span class="muted"> · {c.reason}</span> : null}
            </span>
            <button type="button" class="btn small" disabled={busyKey === c.day} onClick={() => reopen(c.day)} aria-label={`${w('settings.reopen')} ${day(c.day)}`}>
              {w('settings.reopen')}
            </button>
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={add}>
        <Field id="closed-day" label={w('settings.closeDay')} error={dayProblem}>
          <input {...described('closed-day', dayProblem)} type="date" min={first} max={last} value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
        </Field>
        <Field id="closed-reason" label={w('settings.reason')} optional>
          <input {...described('closed-reason')} maxLength={30} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <Outcome done={done} error={error} />
        <button type="submit" class="btn block" disabled={busyKey === 'add'}>{w('settings.addClosed')}</button>
      </form>
    </section>
  );
}

import { t } from '../i18n';
import { weekdayName } from '../lib/format';

/** ISO weekday "1" (Monday) to "7" (Sunday) → hours in China time; a weekday left out is closed. */
export type WeeklyHours = Partial<Record<string, { open: string; close: string }>>;

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** A day ticked open starts with the hours most village stations keep, around the market. */
const USUAL = { open: '08:00', close: '19:00' };
export const EVERY_DAY_USUAL: WeeklyHours = Object.fromEntries(DAYS.map((d) => [d, USUAL]));

/** The server's rule (apps/pickup-point calendar): open at least one day, and each day closes after it opens. */
export function weeklyHoursProblem(hours: WeeklyHours): 'none-open' | 'close-before-open' | null {
  const open = Object.values(hours).filter((h): h is { open: string; close: string } => !!h);
  if (!open.length) return 'none-open';
  return open.some((h) => !/^\d{2}:\d{2}$/.test(h.open) || !/^\d{2}:\d{2}$/.test(h.close) || h.close <= h.open) ? 'close-before-open' : null;
}

interface Props {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  hours: WeeklyHours;
  onChange: (next: WeeklyHours) => void;
}

/** One row a weekday: ticked means open, with its opening and closing time; used by admins and staff alike. */
export function WeeklyHoursEditor({ id, legend, hint, error, hours, onChange }: Props) {
  const setDay = (d: string, next: { open: string; close: string } | null) => {
    const copy = { ...hours };
    if (next) copy[d] = next;
    else delete copy[d];
    onChange(copy);
  };
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="plain weekly-hours" aria-describedby={described}>
      <legend class="weekly-legend">{legend}</legend>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`} role="alert" tabIndex={-1}>{error}</p> : null}
      {DAYS.map((d) => {
        const h = hours[d];
        const name = weekdayName(Number(d));
        return (
          <div class="weekly-day">
            <label>
              <input type="checkbox" checked={!!h} onChange={(e) => setDay(d, e.currentTarget.checked ? USUAL : null)} />
              {name}
            </label>
            {h ? (
              <>
                <input type="time" aria-label={t('hours.opens', { day: name })} value={h.open} onInput={(e) => setDay(d, { ...h, open: e.currentTarget.value })} />
                <input type="time" aria-label={t('hours.closes', { day: name })} value={h.close} onInput={(e) => setDay(d, { ...h, close: e.currentTarget.value })} />
              </>
            ) : (
              <span class="muted weekly-rest">{t('hours.closed')}</span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

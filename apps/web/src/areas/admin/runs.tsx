import { ApiError, api } from '../../api/client';
import { explain } from '../../api/errors';
import { chinaDay, day as dayName } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad, type Loaded } from '../../lib/use-load';
import { countyName } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { described, Field, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { RunDetail, RunSummary, Stuck } from './types';
import { w, type AdminWord } from './words';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Step = 'collect' | 'hub' | 'deliver' | 'replan';

/** The one step a run can take next (apps/logistics/src/runs/run-status.ts), and replan while it is only planned. */
function stepsOf(r: RunSummary): Step[] {
  if (r.status === 'planned') return ['collect', 'replan'];
  if (r.status === 'collecting') return r.atHub ? ['deliver'] : ['hub'];
  return [];
}

const statusOf = (r: RunSummary): AdminWord => (r.status === 'collecting' && r.atHub ? 'runs.status.atHub' : (`runs.status.${r.status}` as AdminWord));

export function Runs({ query }: ScreenProps) {
  const asked = query.get('day') ?? '';
  // The run collects for the next pickup day: what farmers packed today.
  const theDay = DAY.test(asked) ? asked : chinaDay(1);
  const runs = useLoad((signal) => api.get<{ items: RunSummary[] }>(`/api/logistics/runs?day=${theDay}`, signal), [theDay]);
  const stuck = useLoad((signal) => api.get<Stuck>('/api/logistics/stuck', signal), []);
  const { busy, done, error, act } = useAction({
    // Admins get the service's own reason for a refused step (which step comes first), not just "not allowed".
    describe: (err) => (err instanceof ApiError && err.status === 409 ? `${w('runs.refused')} ${err.message}` : explain(err).summary),
    settled: () => {
      runs.reload();
      stuck.reload();
    },
  });
  const plan = () =>
    act(async () => {
      const r = await api.post<{ added: number; unplaceable: string[] }>('/api/logistics/runs/plan', { day: theDay });
      return w('runs.planned', { added: r.added }) + (r.unplaceable.length ? `；${w('runs.unplaceable', { n: r.unplaceable.length })}` : '');
    });
  const step = (r: RunSummary, s: Step) =>
    act(async () => {
      const next = await api.post<RunDetail | { removed: true }>(`/api/logistics/runs/${r.id}/${s}`);
      return 'removed' in next ? w('runs.removed') : `${countyName(r.county)}：${w(statusOf(next))}`;
    });

  const chips = [0, 1, 2].map((n) => chinaDay(n));
  return (
    <>
      <h1>{w('runs.title')}</h1>
      <nav class="chips" aria-label={w('runs.day')}>
        {chips.map((d) => <a href={`/manage/runs?day=${d}`} aria-current={d === theDay ? 'true' : undefined}>{dayName(d)}</a>)}
      </nav>
      <Field id="run-day" label={w('runs.day')}>
        <input {...described('run-day')} type="date" value={theDay} onChange={(e) => DAY.test(e.currentTarget.value) && navigate(`/manage/runs?day=${e.currentTarget.value}`, { replace: true })} />
      </Field>
      <button type="button" class="btn block" disabled={busy} onClick={plan}>{w('runs.plan')}</button>
      <Outcome done={done} error={error} />
      <LoadState state={runs} />
      {runs.data?.items.length === 0 ? <p class="muted">{w('runs.none')}</p> : null}
      <ul class="list" data-testid="runs">
        {runs.data?.items.map((r) => (
          <li data-testid="run">
            <div class="row spread">
              <strong>{countyName(r.county)}</strong>
              <span class="tag" data-testid="run-status">{w(statusOf(r))}</span>
            </div>
            <p style="margin:4px 0">{w('runs.parcels', { n: r.parcelCount, s: r.stopCount })}</p>
            <Stops id={r.id} version={`${r.status}${r.atHub}${r.parcelCount}`} />
            <div class="row">
              {stepsOf(r).map((s) => (
                <button type="button" class={`btn small${s === 'replan' ? ' secondary' : ''}`} disabled={busy} onClick={() => step(r, s)}>{w(`runs.${s}`)}</button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <StuckList state={stuck} />
    </>
  );
}

function Stops({ id, version }: { id: string; version: string }) {
  const detail = useLoad((signal) => api.get<RunDetail>(`/api/logistics/runs/${id}`, signal), [id, version]);
  return (
    <ol class="stops">
      {detail.data?.stops.map((s) => (
        <li>{w('runs.stop', { n: s.seq, name: s.pointName, count: s.parcelCount, km: s.legKm.toFixed(1) })}</li>
      ))}
    </ol>
  );
}

function StuckList({ state }: { state: Loaded<Stuck> }) {
  const s = state.data;
  const groups: Array<[AdminWord, Array<{ id: string; label: string; ageHours: number }>]> = s
    ? [
        ['runs.stuck.openTasks', s.openTasks.map((x) => ({ id: x.id, label: `${dayName(x.pickupDay)} · ${x.orderId.slice(0, 8)}`, ageHours: x.ageHours }))],
        ['runs.stuck.notCollected', s.parcelsNotCollected.map((x) => ({ id: x.id, label: x.code, ageHours: x.ageHours }))],
        ['runs.stuck.notReceived', s.parcelsNotReceived.map((x) => ({ id: x.id, label: x.code, ageHours: x.ageHours }))],
        ['runs.stuck.runsNotDone', s.runsNotDone.map((x) => ({ id: x.id, label: `${dayName(x.day)} · ${countyName(x.county)}`, ageHours: x.ageHours }))],
      ]
    : [];
  const any = groups.some(([, items]) => items.length);
  return (
    <section aria-labelledby="stuck-h">
      <h2 id="stuck-h">{w('runs.stuck')}</h2>
      <LoadState state={state} />
      {s && !any ? <p class="muted">{w('runs.stuckNone')}</p> : null}
      {groups
        .filter(([, items]) => items.length)
        .map(([title, items]) => (
          <>
            <h3>{w(title)} ({items.length})</h3>
            <ul class="list compact">
              {items.slice(0, 20).map((x) => (
                <li class="row spread">
                  <span class="mono">{x.label}</span>
                  <span class="muted">{w('runs.hours', { h: x.ageHours })}</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

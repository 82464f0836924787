import { api } from '../../api/client';
import { chinaDay, day as dayName, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { LoadState } from '../../ui/load-state';
import { w } from './phase2-words';

interface Earnings {
  from: string;
  to: string;
  days: Array<{ day: string; tasks: number; goodsFen: number }>;
  totalFen: number;
}

export function EarningsScreen({ query }: ScreenProps) {
  const span = query.get('days') === '7' ? 7 : 30;
  const earnings = useLoad((signal) => api.get<Earnings>(`/api/logistics/earnings?from=${chinaDay(1 - span)}&to=${chinaDay()}`, signal), [span]);
  const e = earnings.data;
  return (
    <>
      <h1>{w('earnings.title')}</h1>
      <nav class="chips" aria-label={w('earnings.title')}>
        <a href="/farm/earnings?days=7" aria-current={span === 7 ? 'true' : undefined}>{w('earnings.range7')}</a>
        <a href="/farm/earnings?days=30" aria-current={span === 30 ? 'true' : undefined}>{w('earnings.range30')}</a>
      </nav>
      {!e ? <LoadState state={earnings} /> : null}
      {e ? (
        <>
          <p class="row spread">
            <strong>{w('earnings.total')}</strong>
            <span class="price" data-testid="earnings-total">{yuan(e.totalFen)}</span>
          </p>
          {e.days.length === 0 ? <p class="muted">{w('earnings.none')}</p> : null}
          <ul class="list">
            {[...e.days].reverse().map((d) => (
              <li class="row spread">
                <span>{w('earnings.day', { day: dayName(d.day), n: d.tasks })}</span>
                <strong>{yuan(d.goodsFen)}</strong>
              </li>
            ))}
          </ul>
          <p class="hint">{w('earnings.note')}</p>
        </>
      ) : null}
    </>
  );
}

import { api } from '../../api/client';
import { dateTime, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { WithPoint } from './point';
import type { StaffCollection, StaffParcel, StaffPoint } from './types';
import { statusWord, w } from './words';

/** Overdue first: those go back at the deadline. Locked ones wait for the buyer's new code. */
const FILTERS = ['overdue', 'waiting', 'locked', 'expected'] as const;
type Filter = (typeof FILTERS)[number];

export function Waiting({ query }: ScreenProps) {
  const filter = (FILTERS as readonly string[]).includes(query.get('status') ?? '') ? (query.get('status') as Filter) : 'waiting';
  return (
    <>
      <h1>{w('waiting.title')}</h1>
      <nav class="chips" aria-label={w('waiting.title')}>
        {FILTERS.map((f) => (
          <a href={`/staff/waiting?status=${f}`} aria-current={f === filter ? 'true' : undefined}>{statusWord('collection', f)}</a>
        ))}
      </nav>
      <WithPoint>{(point) => <WaitingAt key={point.id + filter} point={point} filter={filter} />}</WithPoint>
    </>
  );
}

function WaitingAt({ point, filter }: { point: StaffPoint; filter: Filter }) {
  const list = useLoad((signal) => api.get<{ items: StaffCollection[] }>(`/api/pickup-points/${point.id}/collections?status=${filter}`, signal), [point.id, filter]);
  // A collection's own parcel codes are what the handover screen looks orders up by.
  const shelf = useLoad((signal) => api.get<{ items: StaffParcel[] }>(`/api/pickup-points/${point.id}/parcels?status=received&limit=500`, signal), [point.id]);
  const codeOf = (collectionId: string) => shelf.data?.items.find((p) => p.collectionId === collectionId)?.code;
  return (
    <>
      <LoadState state={list} />
      {list.data && list.data.items.length === 0 ? <Notice kind="info">{w('waiting.none')}</Notice> : null}
      <ul class="list" data-testid="collections">
        {list.data?.items.map((c) => {
          const code = codeOf(c.id);
          return (
            <li>
              <div class="row spread">
                <span class={`tag${c.status === 'overdue' || c.status === 'locked' ? ' warn' : ''}`}>{statusWord('collection', c.status)}</span>
                <span>{w('waiting.parcels', { n: c.parcels.total })}</span>
              </div>
              {c.deadline ? <p style="margin:4px 0">{w('waiting.deadline', { time: dateTime(c.deadline) })}</p> : null}
              {c.amountDueFen ? <p class="due" style="margin:4px 0">{w('handover.payAtPickup', { amount: yuan(c.amountDueFen) })}</p> : null}
              {c.status === 'locked' ? <p class="muted" style="margin:4px 0">{w('handover.locked')}</p> : null}
              {code && (c.status === 'waiting' || c.status === 'overdue') ? (
                <a class="btn small" href={`/staff/handover?code=${code}`}>{w('waiting.hand')} <span class="mono">{code}</span></a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

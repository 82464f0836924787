import { api } from '../../api/client';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { DeadLetter, QueueOverview } from './types';
import { w } from './words';

export function Queues(_: ScreenProps) {
  const overview = useLoad((signal) => api.get<QueueOverview>('/api/admin/queues', signal), []);
  const dead = useLoad((signal) => api.get<{ total: number; items: DeadLetter[] }>('/api/admin/dead-letters?limit=100', signal), []);
  const { busyKey, done, error, act } = useAction({
    settled: () => {
      dead.reload();
      overview.reload();
    },
  });
  // bull-board is a server page: a browser cannot send it our bearer token, so it gets a short-lived cookie first.
  const openBoard = () =>
    act(
      async () => {
        const r = await api.post<{ board: string }>('/api/admin/queues/session');
        window.location.assign(r.board);
        return '';
      },
      { key: 'board' },
    );

  return (
    <>
      <h1>{w('queues.title')}</h1>
      <button type="button" class="btn secondary block" disabled={busyKey === 'board'} onClick={openBoard}>{w('queues.board')}</button>
      <Outcome done={done} error={error} />
      <LoadState state={overview} />
      <ul class="list compact" data-testid="queues">
        {overview.data?.queues.map((q) => (
          <li>
            <div class="row spread">
              <strong class="mono">{q.queue}</strong>
              {q.paused ? <span class="tag warn">{w('queues.paused')}</span> : null}
            </div>
            <p class="counts">
              {w('queues.waiting')} {q.counts.waiting} · {w('queues.active')} {q.counts.active} · {w('queues.delayed')} {q.counts.delayed} ·{' '}
              <span class={q.counts.failed ? 'price' : ''}>{w('queues.failed')} {q.counts.failed}</span>
            </p>
          </li>
        ))}
      </ul>
      {overview.data?.outbox.length ? (
        <>
          <h2>{w('queues.outbox')}</h2>
          <ul class="list compact">
            {overview.data.outbox.map((o) => (
              <li class="row spread">
                <span class="mono">{o.schema}</span>
                <span>{o.unrelayed}{o.oldestUnrelayedSeconds !== null ? ` · ${o.oldestUnrelayedSeconds}s` : ''}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{w('queues.dead')}</h2>
      <LoadState state={dead} />
      {dead.data?.items.length === 0 ? <p class="muted">{w('queues.noDead')}</p> : null}
      <ul class="list" data-testid="dead-letters">
        {dead.data?.items.map((d) => (
          <li>
            <strong class="mono">{d.name}</strong>
            <p class="muted" style="margin:2px 0">{d.queue} · {w('queues.failedAt', { time: dateTime(d.failedAt), n: d.attempts ?? '?' })}</p>
            <p class="reason">{d.failedReason}</p>
            <div class="row">
              <button type="button" class="btn small" disabled={busyKey === d.id} onClick={() => act(async () => (await api.post(`/api/admin/dead-letters/${encodeURIComponent(d.id)}/retry`), w('queues.retried', { name: d.name })), { key: d.id })}>
                {w('queues.retry')}
              </button>
              <button
                type="button"
                class="btn danger small"
                disabled={busyKey === d.id}
                onClick={() => window.confirm(w('queues.discardConfirm')) && act(async () => (await api.delete(`/api/admin/dead-letters/${encodeURIComponent(d.id)}`), w('queues.discarded', { name: d.name })), { key: d.id })}
              >
                {w('queues.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

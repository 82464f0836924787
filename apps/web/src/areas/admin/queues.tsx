import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { dateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { DeadLetter, QueueOverview } from './types';
import { w } from './words';

export function Queues(_: ScreenProps) {
  const overview = useLoad((signal) => api.get<QueueOverview>('/api/admin/queues', signal), []);
  const dead = useLoad((signal) => api.get<{ total: number; items: DeadLetter[] }>('/api/admin/dead-letters?limit=100', signal), []);
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();

  const act = async (id: string, work: () => Promise<string>) => {
    setBusy(id);
    setDone(undefined);
    setError(undefined);
    try {
      setDone(await work());
    } catch (err) {
      setError(explain(err).summary);
    } finally {
      setBusy(undefined);
      dead.reload();
      overview.reload();
    }
  };
  // bull-board is a server page: a browser cannot send it our bearer token, so it gets a short-lived cookie first.
  const openBoard = () =>
    act('board', async () => {
      const r = await api.post<{ board: string }>('/api/admin/queues/session');
      window.location.assign(r.board);
      return '';
    });

  return (
    <>
      <h1>{w('queues.title')}</h1>
      <button type="button" class="btn secondary block" disabled={busy === 'board'} onClick={openBoard}>{w('queues.board')}</button>
      <div aria-live="polite">
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
      </div>
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
              <button type="button" class="btn small" disabled={busy === d.id} onClick={() => act(d.id, async () => (await api.post(`/api/admin/dead-letters/${encodeURIComponent(d.id)}/retry`), w('queues.retried', { name: d.name })))}>
                {w('queues.retry')}
              </button>
              <button
                type="button"
                class="btn danger small"
                disabled={busy === d.id}
                onClick={() => window.confirm(w('queues.discardConfirm')) && act(d.id, async () => (await api.delete(`/api/admin/dead-letters/${encodeURIComponent(d.id)}`), w('queues.discarded', { name: d.name })))}
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

import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { described, Field, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { PendingProducer, ProposedPoint } from './types';
import { w } from './words';

/** Producers who applied and pickup points an admin recorded: each waits for a yes (or a no with a reason). */
export function Approvals(_: ScreenProps) {
  const producers = useLoad((signal) => api.get<{ items: PendingProducer[] }>('/api/catalog/producers?status=pending', signal), []);
  const points = useLoad((signal) => api.get<{ items: ProposedPoint[] }>('/api/pickup-points?status=proposed&limit=100', signal), []);
  const { busyKey, done, error, act } = useAction();

  return (
    <>
      <h1>{w('approvals.title')}</h1>
      <p class="row">
        <a href="/manage/points">{w('points.link')}</a>
        <a href="/manage/accounts">{w('accounts.link')}</a>
      </p>
      <Outcome done={done} error={error} />
      <h2>{w('approvals.producers')}</h2>
      <LoadState state={producers} />
      {producers.data?.items.length === 0 ? <p class="muted">{w('approvals.none')}</p> : null}
      <ul class="list" data-testid="pending-producers">
        {producers.data?.items.map((p) => (
          <ProducerReview
            p={p}
            busy={busyKey === p.id}
            onDecide={(decision, note) =>
              act(
                async () => {
                  await api.post(`/api/catalog/producers/${p.id}/review`, { decision, ...(note ? { note } : {}) });
                  producers.reload();
                  return w(decision === 'approve' ? 'approvals.approved' : 'approvals.rejected', { name: p.name });
                },
                { key: p.id },
              )
            }
          />
        ))}
      </ul>
      <h2>{w('approvals.points')}</h2>
      <LoadState state={points} />
      {points.data?.items.length === 0 ? <p class="muted">{w('approvals.none')}</p> : null}
      <ul class="list" data-testid="proposed-points">
        {points.data?.items.map((p) => (
          <li>
            <strong>{p.name}</strong> <span class="tag">{p.kindName}</span>
            <p style="margin:4px 0">{p.countyName} {p.township} · {p.address}</p>
            <p class="muted" style="margin:0 0 8px">
              {w('approvals.capacity', { n: p.capacityPerDay, pct: (p.commissionBps / 100).toFixed(2) })} · {w('approvals.contact', { name: p.contactName ?? '', phone: p.contactPhone })}
            </p>
            <button
              type="button"
              class="btn small"
              disabled={busyKey === p.id}
              onClick={() =>
                act(
                  async () => {
                    await api.post(`/api/pickup-points/${p.id}/status`, { status: 'active' });
                    points.reload();
                    return w('approvals.opened', { name: p.name });
                  },
                  { key: p.id },
                )
              }
            >
              {w('approvals.open')} {p.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ProducerReview({ p, busy, onDecide }: { p: PendingProducer; busy: boolean; onDecide: (d: 'approve' | 'reject', note?: string) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const id = `note-${p.id}`;
  return (
    <li>
      <strong>{p.name}</strong>
      <p style="margin:4px 0">{p.countyName} {p.township} {p.village ?? ''}</p>
      <p class="muted" style="margin:0 0 8px">{w('approvals.contact', { name: p.contactName, phone: p.contactPhone })} · {dateTime(p.createdAt)}</p>
      {rejecting ? (
        <Field id={id} label={w('approvals.rejectNote')} error={noteError}>
          <input {...described(id, noteError)} value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      ) : null}
      <div class="row">
        <button type="button" class="btn small" disabled={busy} onClick={() => onDecide('approve')} aria-label={`${w('approvals.approve')} ${p.name}`}>{w('approvals.approve')}</button>
        <button
          type="button"
          class="btn danger small"
          disabled={busy}
          aria-label={`${w('approvals.reject')} ${p.name}`}
          onClick={() => {
            if (!rejecting) return setRejecting(true);
            if (note.trim().length < 2) return setNoteError(w('approvals.noteNeeded'));
            onDecide('reject', note.trim());
          }}
        >
          {w('approvals.reject')}
        </button>
      </div>
    </li>
  );
}

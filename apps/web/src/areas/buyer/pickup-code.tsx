import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import type { Order } from '../../api/types';
import { getLang } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { Notice } from '../../ui/bits';
import type { BuyerNotification } from './notifications';
import { refreshUnread } from './notifications-badge';
import { hasWord, w } from './notifications-words';
import { statusName } from './order-words';
import './pickup-code.css';

/**
 * The pickup code on the order page once the order is at the point. The code reaches the buyer only in
 * their notification (docs/fulfilment.md, "Pickup code"), so it is read from there; when staff say it is
 * locked, or it was retired, the buyer asks for a new one here.
 */
export function PickupCodeCard({ order }: { order: Order }) {
  const ready = order.status === 'ready_for_pickup';
  const [renewed, setRenewed] = useState(0);
  const codes = useLoad(
    async (signal) => {
      if (!ready) return [];
      const res = await api.get<{ items: BuyerNotification[] }>('/api/notifications?limit=50', signal);
      return res.items.filter((n) => n.orderId === order.id && (n.kind === 'pickup_code' || n.kind === 'pickup_code_locked'));
    },
    [order.id, ready, renewed],
  );
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const live = codes.data?.find((n) => typeof n.data.code === 'string');
  // Newest first: a lock told after the code was sent means that code no longer works at the counter.
  const locked = codes.data?.[0]?.kind === 'pickup_code_locked';

  useEffect(() => {
    // Seeing the code is reading the message that carried it.
    if (live && !live.readAt) api.post(`/api/notifications/${live.id}/read`).then(refreshUnread, () => undefined);
  }, [live?.id]);

  if (!ready || !codes.data) return null;
  const renew = async () => {
    if (!window.confirm(w('code.renewConfirm'))) return;
    setBusy(true);
    setNote(undefined);
    try {
      await api.post(`/api/pickup-points/collections/by-order/${order.id}/new-code`);
      setRenewed((n) => n + 1);
      setNote({ kind: 'ok', text: w('code.renewed') });
    } catch (err) {
      setNote({ kind: 'error', text: explain(err).summary });
    } finally {
      setBusy(false);
    }
  };
  const lang = getLang();
  return (
    <section class="pickup-card" aria-labelledby="pickup-code-h">
      <h2 id="pickup-code-h">{w('code.title')}</h2>
      {live ? (
        <>
          <p class="code" data-testid="pickup-code">{live.data.code}</p>
          <QrOf text={live.data.code!} />
          <p style="margin:0">{live.data.deadline ? w('code.deadline', { time: dateTime(live.data.deadline) }) : live.body[lang]}</p>
          {live.data.pointName ? <p style="margin:0"><strong>{live.data.pointName}</strong></p> : null}
          <p class="muted" style="margin:8px 0 0">{w('code.show')}</p>
        </>
      ) : (
        <Notice kind="info">{w('code.missing')}</Notice>
      )}
      {locked && live ? <Notice kind="error">{w('code.locked')}</Notice> : null}
      {note ? <Notice kind={note.kind}>{note.text}</Notice> : null}
      <button type="button" class={`btn block${live && !locked ? ' secondary' : ''}`} disabled={busy} onClick={renew}>{w('code.renew')}</button>
      {live && !locked ? <p class="hint">{w('code.renewHint')}</p> : null}
    </section>
  );
}

function QrOf({ text }: { text: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    import('./pickup-code-qr')
      .then((m) => m.qrImage(text))
      .then((url) => live && setSrc(url))
      .catch(() => undefined); // The digits above are enough; the QR is a convenience.
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img class="qr" src={src} alt={w('code.qrAlt')} width={180} height={180} data-testid="pickup-qr" /> : <div class="qr" aria-hidden="true" />;
}

/** The order's own status changes and its parcels' tracking lines, newest first, in plain words. */
export function TrackingList({ order }: { order: Order }) {
  const who = w('track.farmer');
  const entries = [
    ...order.history.map((h) => ({ at: h.at, text: statusName(h.to) })),
    // "Ready" and "picked up" are also the order's own status changes above: once is enough.
    ...order.tracking.filter((x) => x.kind !== 'ready' && x.kind !== 'handed_over').map((x) => {
      const key = `track.${x.kind}`;
      // Staff's own words about a missing or damaged parcel are for the buyer; other notes are the system's.
      const note = x.note && (x.kind === 'missing' || x.kind === 'damaged') ? `（${x.note}）` : '';
      return { at: x.at, text: (hasWord(key) ? w(key, { who }) : x.kind) + note };
    }),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="track-h">
      <h2 id="track-h">{w('track.title')}</h2>
      {order.tracking.length === 0 ? <p class="muted">{w('track.none')}</p> : null}
      <ol class="timeline" data-testid="tracking">
        {entries.map((e) => (
          <li>
            {e.text}
            <br />
            <span class="muted" style="font-size:.85rem">{dateTime(e.at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

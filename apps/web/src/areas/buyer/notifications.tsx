import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { getLang } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { refreshUnread } from './notifications-badge';
import { w } from './notifications-words';

export interface BuyerNotification {
  id: string;
  kind: string;
  orderId: string | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  data: { code?: string; codeRetired?: boolean; deadline?: string; pointName?: string } & Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** Pickup codes, reminders and returns, newest first. The code itself is shown on the order page. */
export function Notifications(_: ScreenProps) {
  const list = useLoad((signal) => api.get<{ items: BuyerNotification[]; unread: number }>('/api/notifications?limit=50', signal), []);
  const [error, setError] = useState<string>();
  const lang = getLang();
  const read = async (n: BuyerNotification) => {
    try {
      const updated = await api.post<BuyerNotification>(`/api/notifications/${n.id}/read`);
      list.set({ ...list.data!, items: list.data!.items.map((x) => (x.id === n.id ? updated : x)) });
      refreshUnread();
    } catch (err) {
      setError(explain(err).summary);
    }
  };
  return (
    <>
      <h1>{w('messages.title')}</h1>
      <LoadState state={list} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {list.data?.items.length === 0 ? <Notice kind="info">{w('messages.none')}</Notice> : null}
      <ul class="list" data-testid="notifications">
        {list.data?.items.map((n) => (
          <li class={n.readAt ? 'read' : 'unread'}>
            <div class="row spread">
              <strong>{n.title[lang]}</strong>
              {n.readAt ? null : <span class="tag warn">{w('messages.unread')}</span>}
            </div>
            <p style="margin:4px 0">{n.body[lang]}</p>
            {n.data.codeRetired ? <p class="muted" style="margin:0 0 4px">{w('messages.codeUsed')}</p> : null}
            <p class="muted" style="margin:0 0 8px;font-size:.9rem">{dateTime(n.createdAt)}</p>
            <div class="row">
              {n.orderId ? (
                <a class="btn small" href={`/orders/${n.orderId}`} onClick={() => !n.readAt && void read(n)}>{w('messages.openOrder')}</a>
              ) : null}
              {n.readAt ? null : <button type="button" class="btn secondary small" onClick={() => read(n)}>{w('messages.markRead')}</button>}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

import { useEffect } from 'preact/hooks';
import { api } from '../../api/client';
import { session } from '../../api/session';
import { createStore, useStore } from '../../lib/store';
import { w } from './notifications-words';

/** The buyer's unread count, shared by the tab bar and the screens that read notifications. */
export const unread = createStore<number>(0);

export function refreshUnread(): void {
  if (session.get()?.user.role !== 'buyer') return unread.set(0);
  api
    .get<{ unread: number }>('/api/notifications?unread=true&limit=1')
    .then((r) => unread.set(r.unread))
    .catch(() => undefined);
}

// Inline: the shell's stylesheet belongs to the shell; this is the one badge in the app.
const BADGE = 'display:inline-block;min-width:20px;height:20px;padding:0 5px;margin-left:4px;border-radius:10px;background:#b3261e;color:#fff;font-size:.75rem;line-height:20px;text-align:center;font-weight:700';

/** The "消息" tab with its unread badge; looked at again whenever the buyer moves to another screen. */
export function MessagesTab({ path }: { path: string }) {
  const n = useStore(unread);
  useEffect(refreshUnread, [path]);
  return (
    <a href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined}>
      {w('nav.messages')}
      {n > 0 ? (
        <span class="badge" data-testid="unread-badge" style={BADGE}>
          <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
          <span class="visually-hidden">{w('nav.unread', { n })}</span>
        </span>
      ) : null}
    </a>
  );
}

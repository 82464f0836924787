import { api, qs } from '../../api/client';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { FindForm } from './find-form';
import type { AccountRow } from './types';
import { w, type AdminWord } from './words';

/** Digits are the start of a phone number (3 to 11 of them); anything else is part of a name. */
function readQuery(text: string): string | null {
  const s = text.trim();
  const digits = s.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) return /^\d{3,11}$/.test(digits) ? digits : null;
  return s.length <= 40 ? s : null;
}

/**
 * Accounts, newest first, found by the start of their phone number or part of their name. Disabling one
 * stops it logging in and ends the sessions it has open, in every server, within seconds; enabling lets it back.
 */
export function Accounts({ query }: ScreenProps) {
  const q = readQuery(query.get('q') ?? '') ?? '';
  const status = query.get('status') === 'disabled' ? 'disabled' : '';
  const cursor = query.get('cursor') ?? '';
  const link = (next: { q?: string; status?: string; cursor?: string }) => `/manage/accounts${qs({ q, status, ...next })}`;
  const list = useLoad(
    (signal) => api.get<{ items: AccountRow[]; nextCursor: string | null }>(`/api/auth/users${qs({ q, status, cursor, limit: 50 })}`, signal),
    [q, status, cursor],
  );
  const { busyKey, done, error, act } = useAction();
  const change = (a: AccountRow, to: 'active' | 'disabled') =>
    act(
      async () => {
        if (to === 'disabled' && !window.confirm(w('accounts.disableConfirm', { phone: a.phone }))) return '';
        await api.patch(`/api/auth/users/${a.id}/status`, { status: to });
        list.reload();
        return w(to === 'disabled' ? 'accounts.disabled' : 'accounts.enabled', { phone: a.phone });
      },
      { key: a.id },
    );
  return (
    <>
      <h1>{w('accounts.title')}</h1>
      <FindForm
        id="account-find"
        label={w('accounts.phone')}
        button={w('accounts.find')}
        initial={q}
        read={readQuery}
        invalid={w('accounts.badPhone')}
        onFind={(next) => navigate(link({ q: next }), { replace: true })}
      />
      <nav class="chips" aria-label={w('accounts.title')}>
        <a href={link({ status: '' })} aria-current={status === '' ? 'true' : undefined}>{w('accounts.all')}</a>
        <a href={link({ status: 'disabled' })} aria-current={status === 'disabled' ? 'true' : undefined}>{w('accounts.status.disabled')}</a>
      </nav>
      <Outcome done={done || undefined} error={error} />
      <LoadState state={list} />
      {list.data?.items.length === 0 ? <p class="muted">{w('accounts.none')}</p> : null}
      <ul class="list" data-testid="accounts">
        {list.data?.items.map((a) => (
          <li>
            <div class="row spread">
              <strong>{a.displayName || a.phone}</strong>
              <span class={`tag${a.status === 'disabled' ? ' warn' : ''}`}>{w(`accounts.status.${a.status}` as AdminWord)}</span>
            </div>
            <p style="margin:4px 0">{a.phone} · {w(`accounts.role.${a.role}` as AdminWord)}</p>
            {a.status === 'active' ? (
              <button type="button" class="btn small danger" disabled={busyKey === a.id} onClick={() => change(a, 'disabled')}>{w('accounts.disable')}</button>
            ) : (
              <button type="button" class="btn small" disabled={busyKey === a.id} onClick={() => change(a, 'active')}>{w('accounts.enable')}</button>
            )}
          </li>
        ))}
      </ul>
      <p class="row">
        {cursor ? <a href={link({})}>{w('accounts.first')}</a> : null}
        {list.data?.nextCursor ? <a href={link({ cursor: list.data.nextCursor })}>{w('accounts.more')}</a> : null}
      </p>
    </>
  );
}

import { useState } from 'preact/hooks';
import { api, qs } from '../../api/client';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { described, Field, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { AccountRow } from './types';
import { w, type AdminWord } from './words';

/**
 * Accounts by the start of their phone number. Disabling one stops it logging in and ends the sessions it
 * has open, in every server, within seconds; enabling lets it back.
 */
export function Accounts({ query }: ScreenProps) {
  const phone = /^\d{3,11}$/.test(query.get('phone') ?? '') ? query.get('phone')! : '';
  const list = useLoad((signal) => (phone ? api.get<{ items: AccountRow[] }>(`/api/auth/users${qs({ phone })}`, signal) : Promise.resolve({ items: [] })), [phone]);
  const { busyKey, done, error, act } = useAction();
  const change = (a: AccountRow, status: 'active' | 'disabled') =>
    act(
      async () => {
        if (status === 'disabled' && !window.confirm(w('accounts.disableConfirm', { phone: a.phone }))) return '';
        await api.patch(`/api/auth/users/${a.id}/status`, { status });
        list.reload();
        return w(status === 'disabled' ? 'accounts.disabled' : 'accounts.enabled', { phone: a.phone });
      },
      { key: a.id },
    );
  return (
    <>
      <h1>{w('accounts.title')}</h1>
      <PhoneFinder initial={phone} onFind={(p) => navigate(`/manage/accounts${qs({ phone: p })}`, { replace: true })} />
      <Outcome done={done || undefined} error={error} />
      <LoadState state={list} />
      {phone && list.data?.items.length === 0 ? <p class="muted">{w('accounts.none')}</p> : null}
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
    </>
  );
}

function PhoneFinder({ initial, onFind }: { initial: string; onFind: (phone: string) => void }) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const digits = text.replace(/\D/g, '');
        if (!/^\d{3,11}$/.test(digits)) return setError(w('accounts.badPhone'));
        setError(undefined);
        onFind(digits);
      }}
    >
      <Field id="account-phone" label={w('accounts.phone')} error={error}>
        <div class="row" style="flex-wrap:nowrap">
          <input {...described('account-phone', error)} style="min-width:0" inputMode="numeric" value={text} autocomplete="off" onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="btn" style="flex:none;white-space:nowrap">{w('accounts.find')}</button>
        </div>
      </Field>
    </form>
  );
}

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

/** What the server looks accounts up by: the first 3 to 11 digits of a phone number. */
const PHONE_START = /^\d{3,11}$/;

/**
 * Accounts by the start of their phone number. Disabling one stops it logging in and ends the sessions it
 * has open, in every server, within seconds; enabling lets it back.
 */
export function Accounts({ query }: ScreenProps) {
  const phone = PHONE_START.test(query.get('phone') ?? '') ? query.get('phone')! : '';
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
      <FindForm
        id="account-phone"
        label={w('accounts.phone')}
        button={w('accounts.find')}
        initial={phone}
        inputMode="numeric"
        read={(text) => {
          const digits = text.replace(/\D/g, '');
          return PHONE_START.test(digits) ? digits : null;
        }}
        invalid={w('accounts.badPhone')}
        onFind={(p) => navigate(`/manage/accounts${qs({ phone: p })}`, { replace: true })}
      />
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

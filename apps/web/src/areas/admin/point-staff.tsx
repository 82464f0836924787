import { useState } from 'preact/hooks';
import { ApiError, api, qs } from '../../api/client';
import { explain } from '../../api/errors';
import { useLoad } from '../../lib/use-load';
import { described, Field, Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { mobileOk } from '../../lib/point-rules';
import { FindForm } from './find-form';
import type { AccountRow, AdminPoint } from './types';
import { w } from './words';

/** Pages of 200: a co-operative has a few hundred staff at most, so this stops long before it matters. */
const MAX_PAGES = 10;

/**
 * Every staff account by id: a point lists only the user ids bound to it, and the admin needs to see who
 * they are. One list for the whole screen rather than one request per point.
 */
export function useStaffAccounts() {
  return useLoad(async (signal) => {
    const byId = new Map<string, AccountRow>();
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r: { items: AccountRow[]; nextCursor: string | null } = await api.get(`/api/auth/users${qs({ role: 'staff', limit: 200, cursor })}`, signal);
      for (const a of r.items) byId.set(a.id, a);
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    return byId;
  }, []);
}

const staffName = (a: AccountRow | undefined, userId: string) => (a ? a.displayName || a.phone : w('points.account', { id: userId.slice(0, 8) }));

/** Who is bound to the point, each with a way to unbind them. */
export function StaffList({ point, accounts, busyKey, onUnbind }: {
  point: AdminPoint;
  accounts: Map<string, AccountRow> | undefined;
  busyKey?: string;
  onUnbind: (userId: string, name: string) => void;
}) {
  if (!point.staff.length) return <p class="muted pt-line">{w('points.noStaff')}</p>;
  return (
    <ul class="list compact pt-staff" aria-label={`${w('points.staff')} ${point.name}`}>
      {point.staff.map((s) => {
        const a = accounts?.get(s.userId);
        const name = staffName(a, s.userId);
        return (
          <li class="row spread">
            <span>
              {name}
              {a && a.displayName ? <span class="muted"> {a.phone}</span> : null}
              {a?.status === 'disabled' ? <span class="tag warn">{w('accounts.status.disabled')}</span> : null}
            </span>
            <button type="button" class="btn small danger" disabled={busyKey === s.userId} aria-label={`${w('points.unbind')} ${name}`} onClick={() => onUnbind(s.userId, name)}>
              {w('points.unbind')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

type Bind = (account: AccountRow, message?: string) => Promise<void>;

interface BinderProps {
  point: AdminPoint;
  /** Binds the account, the card saying what happened (`message` if it worked); rejects with the API's error. */
  bind: Bind;
}

/** Add staff to a point: an existing staff account found by its number, or a new one made and bound at once. */
export function StaffBinder({ point, bind }: BinderProps) {
  const [mode, setMode] = useState<'find' | 'make'>('find');
  return (
    <div class="pt-binder">
      <div class="row pt-modes" role="group" aria-label={w('points.addStaff')}>
        <button type="button" class={`btn small${mode === 'find' ? '' : ' secondary'}`} aria-pressed={mode === 'find'} onClick={() => setMode('find')}>{w('points.findStaff')}</button>
        <button type="button" class={`btn small${mode === 'make' ? '' : ' secondary'}`} aria-pressed={mode === 'make'} onClick={() => setMode('make')}>{w('points.makeStaff')}</button>
      </div>
      {mode === 'find' ? <FindStaff point={point} bind={bind} /> : <MakeStaff point={point} bind={bind} />}
    </div>
  );
}

function FindStaff({ point, bind }: BinderProps) {
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string>();
  // Only staff accounts are offered: a buyer's or farmer's account bound to a point would see its parcels.
  const found = useLoad(
    (signal) => (q ? api.get<{ items: AccountRow[] }>(`/api/auth/users${qs({ q, role: 'staff', limit: 10 })}`, signal) : Promise.resolve({ items: [] })),
    [q],
  );
  const bound = new Set(point.staff.map((s) => s.userId));
  return (
    <>
      <FindForm
        id={`find-staff-${point.id}`}
        label={w('points.staffPhone')}
        button={w('points.find')}
        initial=""
        inputMode="numeric"
        read={(text) => {
          const digits = text.replace(/[\s-]/g, '');
          return /^\d{3,11}$/.test(digits) ? digits : null;
        }}
        invalid={w('points.badDigits')}
        onFind={setQ}
      />
      {q ? <LoadState state={found} /> : null}
      {q && found.data?.items.length === 0 ? <p class="muted">{w('points.noMatch')}</p> : null}
      <ul class="list compact" data-testid="found-staff">
        {found.data?.items.map((a) => (
          <li class="row spread">
            <span>
              {a.displayName || a.phone} <span class="muted">{a.displayName ? a.phone : ''}</span>
              {a.status === 'disabled' ? <span class="tag warn">{w('accounts.status.disabled')}</span> : null}
            </span>
            {bound.has(a.id) ? (
              <span class="tag">{w('points.isBound')}</span>
            ) : (
              <button
                type="button"
                class="btn small"
                disabled={busy === a.id}
                aria-label={`${w('points.bind')} ${a.displayName || a.phone}`}
                onClick={async () => {
                  setBusy(a.id);
                  // The card says whether it worked; the list here stays for the next one.
                  await bind(a).catch(() => undefined);
                  setBusy(undefined);
                }}
              >
                {w('points.bind')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

interface MakeProblems {
  phone?: string;
  displayName?: string;
  password?: string;
}

function MakeStaff({ point, bind }: BinderProps) {
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<MakeProblems>({});
  const [summary, setSummary] = useState<string>();
  // An account made but not bound (the bind failed): the next tap only binds, it does not make a second one.
  const [made, setMade] = useState<AccountRow>();
  const [busy, setBusy] = useState(false);
  const id = (f: string) => `${f}-${point.id}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const p: MakeProblems = {};
    if (!made) {
      if (!mobileOk(phone)) p.phone = w('points.badPhone');
      if (!name.trim() || [...name.trim()].length > 40) p.displayName = w('points.badStaffName');
      if (password.length < 8 || password.length > 128 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) p.password = w('points.badPassword');
    }
    setProblems(p);
    setSummary(undefined);
    if (Object.keys(p).length) return;
    setBusy(true);
    let account = made;
    try {
      if (!account) {
        account = await api.post<AccountRow>('/api/auth/users', { phone: phone.trim(), password, role: 'staff', displayName: name.trim() });
        setMade(account);
      }
      await bind(account, w('points.made', { name: account.displayName || account.phone, phone: account.phone, point: point.name }));
      setMade(undefined);
      setPhone('');
      setName('');
      setPassword('');
    } catch (err) {
      if (!account) {
        const ex = explain(err);
        setProblems({
          phone: err instanceof ApiError && err.status === 409 ? w('points.phoneTaken') : ex.fields.phone ? w('points.badPhone') : undefined,
          displayName: ex.fields.displayName ? w('points.badStaffName') : undefined,
          password: ex.fields.password ? w('points.badPassword') : undefined,
        });
        if (!(err instanceof ApiError && err.status === 409)) setSummary(ex.summary);
      } else {
        setSummary(w('points.madeNotBound', { phone: account.phone }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit}>
      <Field id={id('staff-phone')} label={w('points.newPhone')} error={problems.phone}>
        <input {...described(id('staff-phone'), problems.phone)} type="tel" inputMode="numeric" maxLength={11} autoComplete="off" disabled={!!made} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </Field>
      <Field id={id('staff-name')} label={w('points.newName')} error={problems.displayName}>
        <input {...described(id('staff-name'), problems.displayName)} maxLength={40} autoComplete="off" disabled={!!made} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id={id('staff-password')} label={w('points.newPassword')} hint={w('points.passwordHint')} error={problems.password}>
        {/* Shown as typed: the admin reads it out to the staff member standing next to them. */}
        <input {...described(id('staff-password'), problems.password, w('points.passwordHint'))} type="text" autoComplete="new-password" spellcheck={false} disabled={!!made} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </Field>
      {summary ? <Notice kind="error">{summary}</Notice> : null}
      <button type="submit" class="btn block" disabled={busy}>{w('points.makeAndBind')}</button>
    </form>
  );
}

import { useRef, useState } from 'preact/hooks';
import { ApiError, api, qs } from '../../api/client';
import { explain } from '../../api/errors';
import { pick } from '../../i18n';
import { chinaDay } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { COUNTY_CODES, countyName } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { described, Field, Notice, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { PICKUP_POINT_KINDS, type PickupPointKind } from '../../../../../libs/contracts/src/pickup';
import { PointForm } from './point-form';
import { StaffBinder, StaffList, useStaffAccounts } from './point-staff';
import type { AccountRow, AdminPoint } from './types';
import { w, type AdminWord } from './words';

const STATUSES = ['proposed', 'active', 'suspended'] as const;
/** The API's largest page (MAX_POINTS_PAGE); the rest follow page by page. */
const LIMIT = 100;

/**
 * 服务站: every pickup point in any state, by county and status, with the staff bound to each; a new point
 * (?new=1), a point's details changed in its own card, staff found or made and bound, and an open point
 * suspended or reopened. Opening a proposed point stays on the approvals screen, where the other things
 * waiting for a yes are.
 */
export function Points({ query }: ScreenProps) {
  const county = (COUNTY_CODES as readonly string[]).includes(query.get('county') ?? '') ? query.get('county')! : '';
  const status = (STATUSES as readonly string[]).includes(query.get('status') ?? '') ? query.get('status')! : '';
  const cursor = query.get('cursor') ?? '';
  const link = (next: { county?: string; status?: string; cursor?: string }) => `/manage/points${qs({ county, status, ...next })}`;
  const list = useLoad(
    (signal) => api.get<{ items: AdminPoint[]; nextCursor: string | null }>(`/api/pickup-points${qs({ county, status, cursor, limit: LIMIT })}`, signal),
    [county, status, cursor],
  );
  const accounts = useStaffAccounts();
  const [created, setCreated] = useState<AdminPoint>();

  if (query.get('new') === '1') {
    return (
      <PointForm
        cancelHref={link({})}
        onSaved={(p) => {
          setCreated(p);
          // The filters may be the ones already shown: read the list again either way.
          list.reload();
          navigate(`/manage/points${qs({ county: p.county, status: 'proposed' })}`, { replace: true });
        }}
      />
    );
  }
  // A staff account just found or made: known at once, without reading every staff account again.
  const remember = (a: AccountRow) => accounts.data && accounts.set(new Map(accounts.data).set(a.id, a));

  return (
    <>
      <h1>{w('points.title')}</h1>
      <a class="btn block" href={`/manage/points${qs({ county, status, new: 1 })}`}>{w('points.new')}</a>
      {created ? (
        <Notice kind="ok">
          {w('points.form.created', { name: created.name })} <a href="/manage">{w('points.form.goApprove')}</a>
        </Notice>
      ) : null}
      <Field id="points-county" label={w('points.county')}>
        <select {...described('points-county')} value={county} onChange={(e) => navigate(link({ county: e.currentTarget.value }), { replace: true })}>
          <option value="">{w('points.allCounties')}</option>
          {COUNTY_CODES.map((c) => <option value={c}>{countyName(c)}</option>)}
        </select>
      </Field>
      <nav class="chips" aria-label={w('points.statuses')}>
        <a href={link({ status: '' })} aria-current={status === '' ? 'true' : undefined}>{w('points.all')}</a>
        {STATUSES.map((s) => <a href={link({ status: s })} aria-current={status === s ? 'true' : undefined}>{w(`points.status.${s}`)}</a>)}
      </nav>
      <LoadState state={list} />
      {accounts.error ? <LoadState state={accounts} /> : null}
      {list.data?.items.length === 0 ? <p class="muted">{w('points.none')}</p> : null}
      <ul class="list" data-testid="points">
        {list.data?.items.map((p) => <PointCard key={`${p.id}:${p.updatedAt}`} initial={p} accounts={accounts.data} onAccount={remember} />)}
      </ul>
      <p class="row">
        {cursor ? <a href={link({})}>{w('points.firstPage')}</a> : null}
        {list.data?.nextCursor ? <a href={link({ cursor: list.data.nextCursor })}>{w('points.nextPage')}</a> : null}
      </p>
    </>
  );
}

/** The API's refusal in the admin's words; a status another admin changed first is the likely one. */
function describe(err: unknown): string {
  return err instanceof ApiError && err.code === 'INVALID_TRANSITION' ? w('points.stale') : explain(err).summary;
}

function PointCard({ initial, accounts, onAccount }: { initial: AdminPoint; accounts?: Map<string, AccountRow>; onAccount: (a: AccountRow) => void }) {
  // Each change answers with the point as it now is, so the card keeps it rather than reloading the list.
  const [p, setP] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [busyKey, setBusyKey] = useState<string>();
  const [outcome, setOutcome] = useState<{ done?: string; error?: string }>({});
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  /** Says under the card what `work` did or why it failed, and rejects too so a form can keep what was typed. */
  const run = async (key: string, work: () => Promise<string>) => {
    setBusyKey(key);
    setOutcome({});
    try {
      setOutcome({ done: (await work()) || undefined });
    } catch (err) {
      setOutcome({ error: describe(err) });
      throw err;
    } finally {
      setBusyKey(undefined);
    }
  };
  const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);

  const bind = (a: AccountRow, message?: string) =>
    run(a.id, async () => {
      setP(await api.post<AdminPoint>(`/api/pickup-points/${p.id}/staff`, { userId: a.id }));
      onAccount(a);
      setAdding(false);
      return message ?? w('points.bound', { name: a.displayName || a.phone, point: p.name });
    });
  const unbind = (userId: string, name: string) => {
    if (!window.confirm(w('points.unbindConfirm', { name, point: p.name }))) return;
    quietly(run(userId, async () => {
      setP(await api.delete<AdminPoint>(`/api/pickup-points/${p.id}/staff/${userId}`));
      return w('points.unbound', { name });
    }));
  };
  const changeStatus = (to: 'active' | 'suspended', note?: string) =>
    run('status', async () => {
      setP(await api.post<AdminPoint>(`/api/pickup-points/${p.id}/status`, { status: to, ...(note ? { note } : {}) }));
      return w(to === 'suspended' ? 'points.suspended' : 'points.resumed', { point: p.name });
    });

  // Back from the form, the admin is at this card again rather than somewhere down a page that just got shorter.
  const closeEditor = () => {
    setEditing(false);
    setTimeout(() => editButton.current?.focus(), 0);
  };
  if (editing) {
    return (
      <li data-testid="point" class="pt-editing">
        <PointForm
          point={p}
          onCancel={closeEditor}
          onSaved={(saved) => {
            setP(saved);
            setOutcome({ done: w('points.edit.saved', { point: saved.name }) });
            closeEditor();
          }}
        />
      </li>
    );
  }

  return (
    <li data-testid="point">
      <div class="row spread">
        <h2 class="pt-name">{p.name}</h2>
        <span class={`tag${p.status === 'suspended' ? ' warn' : p.status === 'proposed' ? ' off' : ''}`}>{w(`points.status.${p.status}` as AdminWord)}</span>
      </div>
      <p class="pt-line">{pick(PICKUP_POINT_KINDS[p.kind as PickupPointKind], p.kindName)} · {countyName(p.county)} {p.township} {p.village ?? ''}</p>
      <p class="muted pt-line">{p.address}</p>
      <p class="muted pt-line">
        {w('approvals.capacity', { n: p.capacityPerDay, pct: (p.commissionBps / 100).toFixed(2) })}
        {p.coldStorage ? ` · ${w('points.cold')}` : ''}
      </p>
      <p class="muted pt-line">{w('approvals.contact', { name: p.contactName ?? '', phone: p.contactPhone })}</p>
      {p.status === 'suspended' && p.statusNote ? <p class="reason">{w('points.why', { note: p.statusNote })}</p> : null}
      <h3>{w('points.staff')}</h3>
      <StaffList point={p} accounts={accounts} busyKey={busyKey} onUnbind={unbind} />
      <div class="row pt-actions">
        <button
          type="button"
          ref={editButton}
          class="btn small secondary"
          aria-label={`${w('points.edit')} ${p.name}`}
          onClick={() => {
            setOutcome({});
            setAdding(false);
            setEditing(true);
          }}
        >
          {w('points.edit')}
        </button>
        <button type="button" class="btn small secondary" aria-expanded={adding} onClick={() => setAdding(!adding)} aria-label={`${adding ? w('points.hide') : w('points.addStaff')} ${p.name}`}>
          {adding ? w('points.hide') : w('points.addStaff')}
        </button>
        <StatusControl key={p.status} point={p} busy={busyKey === 'status'} onChange={(to, note) => quietly(changeStatus(to, note))} />
      </div>
      {adding ? <StaffBinder point={p} bind={bind} /> : null}
      <Outcome done={outcome.done} error={outcome.error} />
    </li>
  );
}

/** A proposed point is opened on the approvals screen; an open one is suspended with a reason; a suspended one reopened. Sits in the card's row of actions. */
function StatusControl({ point, busy, onChange }: { point: AdminPoint; busy: boolean; onChange: (to: 'active' | 'suspended', note?: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const id = `suspend-${point.id}`;
  if (point.status === 'proposed') {
    return <a class="btn small secondary" href="/manage">{w('points.openOnApprovals')}</a>;
  }
  if (point.status === 'suspended') {
    return (
      <button
        type="button"
        class="btn small"
        disabled={busy}
        aria-label={`${w('points.resume')} ${point.name}`}
        onClick={() => window.confirm(w('points.resumeConfirm', { point: point.name })) && onChange('active')}
      >
        {w('points.resume')}
      </button>
    );
  }
  if (!asking) {
    return <button type="button" class="btn small danger" aria-label={`${w('points.suspend')} ${point.name}`} onClick={() => setAsking(true)}>{w('points.suspend')}</button>;
  }
  return (
    <div class="pt-suspend">
      <BookedAhead point={point} />
      <Field id={id} label={w('points.suspendNote')} error={noteError}>
        <input {...described(id, noteError)} maxLength={200} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <div class="row">
        <button
          type="button"
          class="btn small danger"
          disabled={busy}
          aria-label={`${w('points.confirmSuspend')} ${point.name}`}
          onClick={() => {
            // The note is the record of why buyers could not choose this point: asked for before the confirm.
            if ([...note.trim()].length < 2) return setNoteError(w('points.noteNeeded'));
            setNoteError(undefined);
            if (window.confirm(w('points.suspendConfirm', { point: point.name }))) onChange('suspended', note.trim());
          }}
        >
          {w('points.confirmSuspend')}
        </button>
        <button type="button" class="btn small secondary" onClick={() => setAsking(false)}>{w('points.cancel')}</button>
      </div>
    </div>
  );
}

/** Days ahead the availability API answers in one request (its range is at most 31 days). */
const AHEAD = 30;

/**
 * Before a point is suspended: how many orders are already booked there. Suspending stops new bookings only;
 * those orders are still delivered and collected at the point.
 */
function BookedAhead({ point }: { point: AdminPoint }) {
  const days = useLoad(
    (signal) => api.get<Array<{ held: number }>>(`/api/pickup-points/${point.id}/availability${qs({ from: chinaDay(), to: chinaDay(AHEAD) })}`, signal),
    [point.id],
  );
  if (!days.data) return <LoadState state={days} />;
  const booked = days.data.reduce((sum, d) => sum + d.held, 0);
  return <Notice kind="info">{booked ? w('points.booked', { n: booked }) : w('points.notBooked')}</Notice>;
}

import { useState } from 'preact/hooks';
import { ApiError, api, qs } from '../../api/client';
import { explain } from '../../api/errors';
import type { Order } from '../../api/types';
import { dateTime, day, parseYuan, yuan } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { described, Field, Notice, Outcome } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { statusName } from '../buyer/order-words';
import { UUID_PATTERN } from '../../../../../libs/contracts/src/ids-and-days';
import { FindForm } from './find-form';
import type { RefundRow } from './types';
import { refundText } from '../../lib/refunds';
import { w, type AdminWord } from './words';

const STATUSES = ['pending', 'succeeded', 'failed'] as const;

export function Refunds({ query }: ScreenProps) {
  const status = (STATUSES as readonly string[]).includes(query.get('status') ?? '') ? query.get('status')! : '';
  const orderId = query.get('order') ?? '';
  const list = useLoad((signal) => api.get<{ items: RefundRow[] }>(`/api/refunds${qs({ status, limit: 100 })}`, signal), [status]);
  const link = (next: { status?: string; order?: string }) => `/manage/refunds${qs({ status, order: orderId, ...next })}`;
  // A 409 here means the money is all back or another admin tried again first: the list shows which.
  const { busyKey, done, error, act } = useAction({ describe: (err) => (err instanceof ApiError && err.status === 409 ? w('refunds.retryGone') : explain(err).summary), settled: list.reload });
  const retry = (r: RefundRow) =>
    act(async () => w('refunds.retried', { amount: yuan((await api.post<RefundRow>(`/api/refunds/${r.id}/retry`, {})).amountFen) }), { key: r.id });
  return (
    <>
      <h1>{w('refunds.title')}</h1>
      <FindForm
        id="order-id"
        label={w('refunds.openOrder')}
        hint={w('refunds.orderIdHint')}
        button={w('refunds.find')}
        initial={orderId}
        read={(text) => {
          const id = text.trim().replace(/^.*\/orders\//, '').replace(/[/?#].*$/, '');
          return UUID_PATTERN.test(id) ? id.toLowerCase() : null;
        }}
        invalid={w('refunds.badId')}
        onFind={(id) => navigate(link({ order: id }), { replace: true })}
      />
      {UUID_PATTERN.test(orderId) ? <OrderRefund key={orderId} id={orderId} onRefunded={list.reload} /> : null}
      <nav class="chips" aria-label={w('refunds.title')}>
        <a href={link({ status: '' })} aria-current={status === '' ? 'true' : undefined}>{w('refunds.all')}</a>
        {STATUSES.map((s) => <a href={link({ status: s })} aria-current={status === s ? 'true' : undefined}>{w(`refunds.${s}`)}</a>)}
      </nav>
      <Outcome done={done} error={error} />
      <LoadState state={list} />
      {list.data?.items.length === 0 ? <p class="muted">{w('refunds.none')}</p> : null}
      <ul class="list" data-testid="refunds">
        {list.data?.items.map((r) => (
          <li>
            <div class="row spread">
              <span class="price">{yuan(r.amountFen)}</span>
              <span class={`tag${r.status === 'failed' ? ' warn' : ''}`}>{w(`refunds.${r.status}` as AdminWord)}</span>
            </div>
            <p style="margin:4px 0">{refundText(r)}{r.retryOf ? ` · ${w('refunds.retryOf')}` : ''}</p>
            <p class="muted" style="margin:0">
              {dateTime(r.createdAt)} · <a href={link({ order: r.orderId })}>{w('refunds.order')} {r.orderId.slice(0, 8)}</a>
            </p>
            {r.status !== 'failed' ? null : r.retriedBy ? (
              <p class="muted" style="margin:4px 0 0">{w('refunds.retriedAlready')}</p>
            ) : (
              <button type="button" class="btn small" style="margin-top:6px" disabled={busyKey === r.id} onClick={() => retry(r)}>{w('refunds.retry')}</button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One order as the admin sees it, with its refunds and a form to give money back for a dispute. */
function OrderRefund({ id, onRefunded }: { id: string; onRefunded: () => void }) {
  const order = useLoad((signal) => api.get<Order>(`/api/orders/${id}`, signal), [id]);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<{ amount?: string; reason?: string }>({});
  const [summary, setSummary] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const o = order.data;
  if (!o) return <LoadState state={order} />;
  const paidOnline = o.payment?.provider === 'stripe' && o.payment.status === 'succeeded' ? o.payment.amountFen : 0;
  const left = Math.max(0, paidOnline - o.refunds.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amountFen, 0));

  const submit = async (e: Event) => {
    e.preventDefault();
    const fen = parseYuan(amount);
    const problems: typeof fields = {};
    if (fen === null || fen < 1 || fen > left) problems.amount = w('refunds.badAmount');
    if (reason.trim().length < 2) problems.reason = w('refunds.badReason');
    setFields(problems);
    setSummary(undefined);
    setDone(undefined);
    if (problems.amount || problems.reason) return;
    setBusy(true);
    try {
      order.set(await api.post<Order>(`/api/orders/${o.id}/refunds`, { amountFen: fen, reason: reason.trim() }));
      setDone(w('refunds.done', { amount: yuan(fen!) }));
      setAmount('');
      setReason('');
      onRefunded();
    } catch (err) {
      const ex = explain(err, { amountFen: 'amount' });
      setFields({ amount: ex.fields.amount ? w('refunds.badAmount') : undefined, reason: ex.fields.reason ? w('refunds.badReason') : undefined });
      setSummary(err instanceof ApiError && err.status === 409 ? w('refunds.nothingOnline') : ex.summary);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="notice" aria-labelledby="order-h" data-testid="admin-order">
      <h2 id="order-h" style="margin-top:0">
        {w('refunds.order')} {o.id.slice(0, 8)} <span class="status">{statusName(o.status)}</span>
      </h2>
      <p style="margin:0">{day(o.pickupDay)} · {yuan(o.totalFen)}{o.refundedFen ? ` · -${yuan(o.refundedFen)}` : ''}</p>
      <ul>
        {o.producers.flatMap((g) => g.lines).map((l) => <li>{l.titleZh} × {l.quantity} · {yuan(l.finalFen ?? l.lineTotalFen)}</li>)}
      </ul>
      {o.refunds.length ? (
        <ul class="list compact">
          {o.refunds.map((r) => (
            <li class="row spread"><span>{refundText(r)}</span><span>{yuan(r.amountFen)} · {w(`refunds.${r.status}` as AdminWord)}</span></li>
          ))}
        </ul>
      ) : null}
      {done ? <Notice kind="ok">{done}</Notice> : null}
      {paidOnline === 0 ? (
        <p class="muted">{w('refunds.nothingOnline')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{w('refunds.left', { amount: yuan(left) })}</p>
          <Field id="refund-amount" label={w('refunds.amount')} error={fields.amount}>
            <input {...described('refund-amount', fields.amount)} inputMode="decimal" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
          </Field>
          <Field id="refund-reason" label={w('refunds.reason')} error={fields.reason}>
            <input {...described('refund-reason', fields.reason)} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          {summary ? <Notice kind="error">{summary}</Notice> : null}
          <button type="submit" class="btn block" disabled={busy || left === 0}>{w('refunds.submit')}</button>
        </form>
      )}
    </section>
  );
}

import { api } from '../../api/client';
import { chinaDay, dateTime, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, described } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { WithPoint } from './point';
import type { Statement, StaffPoint } from './types';
import { w } from './words';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function StatementScreen({ query }: ScreenProps) {
  const asked = query.get('day') ?? '';
  const theDay = DAY.test(asked) ? asked : chinaDay();
  return (
    <>
      <h1>{w('statement.title')}</h1>
      <nav class="chips" aria-label={w('statement.day')}>
        <a href={`/staff/statement?day=${chinaDay()}`} aria-current={theDay === chinaDay() ? 'true' : undefined}>{w('day.today')}</a>
        <a href={`/staff/statement?day=${chinaDay(-1)}`} aria-current={theDay === chinaDay(-1) ? 'true' : undefined}>{w('day.yesterday')}</a>
      </nav>
      <Field id="statement-day" label={w('statement.day')}>
        <input {...described('statement-day')} type="date" value={theDay} max={chinaDay()} onChange={(e) => DAY.test(e.currentTarget.value) && navigate(`/staff/statement?day=${e.currentTarget.value}`, { replace: true })} />
      </Field>
      <WithPoint>{(point) => <StatementOf key={point.id + theDay} point={point} day={theDay} />}</WithPoint>
    </>
  );
}

function StatementOf({ point, day }: { point: StaffPoint; day: string }) {
  const st = useLoad((signal) => api.get<Statement>(`/api/pickup-points/${point.id}/statements?day=${day}`, signal), [point.id, day]);
  const s = st.data;
  if (!s) return <LoadState state={st} />;
  return (
    <section data-testid="statement">
      <p><strong>{w('statement.handovers', { n: s.handovers, p: s.parcels })}</strong></p>
      <dl class="facts">
        <dt>{w('statement.goods')}</dt>
        <dd>{yuan(s.goodsFen)}</dd>
        <dt>{w('statement.commission')}</dt>
        <dd class="price">{yuan(s.commissionFen)}</dd>
        <dt>{w('statement.cash')}</dt>
        <dd>{yuan(s.collectedAtPickup.cashFen)}</dd>
        <dt>{w('statement.wechat')}</dt>
        <dd>{yuan(s.collectedAtPickup.wechatFen)}</dd>
        <dt>{w('statement.alipay')}</dt>
        <dd>{yuan(s.collectedAtPickup.alipayFen)}</dd>
        <dt>{w('statement.collected')}</dt>
        <dd><strong>{yuan(s.collectedAtPickup.totalFen)}</strong></dd>
      </dl>
      {s.lines.length === 0 ? <p class="muted">{w('statement.none')}</p> : null}
      <ul class="list">
        {s.lines.map((l) => (
          <li class="row spread">
            <span>{dateTime(l.handedOverAt)} · {w('waiting.parcels', { n: l.parcels })}</span>
            <span>
              {yuan(l.goodsFen)} · {l.settlement && l.settlement !== 'online' ? `${w(`statement.${l.settlement}` as 'statement.cash')} ${yuan(l.paidAtPickupFen)}` : w('statement.online')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

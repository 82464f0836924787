import { api } from '../../api/client';
import { chinaDay, day as dayName, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { w, type FarmWord } from './phase2-words';
import './packing.css';

export interface TaskLine {
  productId: string;
  titleZh: string;
  unit: string;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  soldByWeight: boolean;
  orderedGrams: number | null;
  packedGrams: number | null;
  short: boolean | null;
  finalFen: number | null;
}

export interface PackTask {
  id: string;
  orderId: string;
  pickupPointName: string | null;
  pickupDay: string;
  status: 'open' | 'packed' | 'short' | 'cancelled';
  orderedFen: number;
  packedFen: number | null;
  lines: TaskLine[];
  parcel: { id: string; code: string; status: string; labelUrl: string } | null;
}

interface PackItem {
  productId: string;
  titleZh: string;
  unit: string;
  quantity: number;
  openQuantity: number;
}

interface PackList {
  day: string;
  taskCount: number;
  openCount: number;
  items: PackItem[];
  points: Array<{
    pickupPointId: string;
    pickupPointName: string | null;
    taskCount: number;
    openCount: number;
    items: PackItem[];
    tasks: Array<{ id: string; orderId: string; status: PackTask['status']; orderedFen: number; parcelCode: string | null }>;
  }>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const taskStatus = (s: string) => w(`pack.status.${s}` as FarmWord);

/** The day's pack list, by pickup point, with what to prepare in total. */
export function Packing({ query }: ScreenProps) {
  const asked = query.get('day') ?? '';
  // Days that still have something to pack, so the farmer is taken to the work rather than to an empty day.
  const open = useLoad((signal) => api.get<{ items: PackTask[] }>('/api/logistics/pack-tasks?status=open', signal), []);
  const openDays = [...new Set((open.data?.items ?? []).map((t) => t.pickupDay))].sort();
  const theDay = DAY.test(asked) ? asked : open.data ? (openDays[0] ?? chinaDay(1)) : null;
  const chips = [...new Set([chinaDay(0), chinaDay(1), chinaDay(2), ...openDays])].sort();
  return (
    <>
      <h1>{w('pack.title')}</h1>
      <nav class="chips" aria-label={w('pack.day')}>
        {chips.map((d) => (
          <a href={`/farm/packing?day=${d}`} aria-current={d === theDay ? 'true' : undefined}>
            {dayName(d)}{openDays.includes(d) ? ' •' : ''}
          </a>
        ))}
      </nav>
      {theDay ? <DayList key={theDay} day={theDay} /> : <LoadState state={open} />}
      <p><a class="btn secondary block" href="/farm/earnings">{w('earnings.title')}</a></p>
    </>
  );
}

function DayList({ day }: { day: string }) {
  const list = useLoad((signal) => api.get<PackList>(`/api/logistics/pack-list?day=${day}`, signal), [day]);
  const l = list.data;
  if (!l) return <LoadState state={list} />;
  if (l.taskCount === 0) return <Notice kind="info">{w('pack.none')}</Notice>;
  const item = (i: PackItem) => (
    <li class="row spread">
      <span>{w('pack.item', { title: i.titleZh, qty: i.quantity, unit: unitName(i.unit) })}</span>
      {i.openQuantity ? <span class="tag warn">{w('pack.itemOpen', { qty: i.openQuantity, unit: unitName(i.unit) })}</span> : null}
    </li>
  );
  return (
    <>
      <p><strong>{w('pack.total', { n: l.taskCount, open: l.openCount })}</strong></p>
      <section class="notice" aria-labelledby="all-items">
        <h2 id="all-items" style="margin-top:0">{w('pack.allItems')}</h2>
        <ul class="plain-list">{l.items.map(item)}</ul>
      </section>
      {l.points.map((p) => (
        <section aria-label={w('pack.point', { name: p.pickupPointName ?? w('pack.pointUnknown') })} data-testid="pack-point">
          <h2>{w('pack.point', { name: p.pickupPointName ?? w('pack.pointUnknown') })}</h2>
          <ul class="plain-list">{p.items.map(item)}</ul>
          <ul class="list">
            {p.tasks.map((t) => (
              <li class="row spread" data-testid="pack-task">
                <span>
                  <span class={`tag${t.status === 'open' ? ' warn' : ''}`}>{taskStatus(t.status)}</span>{' '}
                  {w('pack.order', { id: t.orderId.slice(0, 8), amount: yuan(t.orderedFen) })}
                  {t.parcelCode ? <><br /><span class="muted">{t.parcelCode}</span></> : null}
                </span>
                <a class={`btn small${t.status === 'open' ? '' : ' secondary'}`} href={`/farm/packing/${t.id}`}>
                  {t.status === 'open' ? w('pack.open') : w('pack.view')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

import { api } from '../../api/client';
import type { Order } from '../../api/types';
import { t } from '../../i18n';
import { day, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { statusName } from './order-words';

export function Orders(_: ScreenProps) {
  const orders = useLoad((signal) => api.get<{ items: Order[] }>('/api/orders?limit=50', signal), []);
  const list = orders.data?.items;
  return (
    <>
      <h1>{t('orders.title')}</h1>
      <LoadState state={orders} />
      {list && list.length === 0 ? <Notice kind="info">{t('orders.empty')}</Notice> : null}
      <ul class="list" data-testid="orders">
        {list?.map((o) => (
          <li>
            <a href={`/orders/${o.id}`} style="display:block;text-decoration:none;color:inherit;min-height:44px">
              <div class="row spread">
                <span class="status">{statusName(o.status)}</span>
                <span class="price">{yuan(o.totalFen)}</span>
              </div>
              <p style="margin:4px 0 0">{o.producers.flatMap((p) => p.lines.map((l) => `${l.titleZh} × ${l.quantity}`)).join('、')}</p>
              <p class="muted" style="margin:2px 0 0">{t('orders.pickupDay')}: {day(o.pickupDay)}</p>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

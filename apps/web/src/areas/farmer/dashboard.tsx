import { useState } from 'preact/hooks';
import { ApiError, api, qs } from '../../api/client';
import { explain } from '../../api/errors';
import type { Page, Producer, Product } from '../../api/types';
import { t } from '../../i18n';
import { yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { countyName, unitName } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';

export function Dashboard(_: ScreenProps) {
  const me = useLoad(async (signal) => {
    try {
      return await api.get<Producer>('/api/catalog/producers/me', signal);
    } catch (err) {
      // No profile yet: the farmer applies first.
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }, []);
  if (me.data === null) {
    navigate('/farm/apply', { replace: true });
    return null;
  }
  const p = me.data;
  if (!p) return <LoadState state={me} />;
  return (
    <>
      <h1>{p.name}</h1>
      <p class="muted">{countyName(p.county)} {p.township} {p.village ?? ''}</p>
      {p.status === 'approved' ? <Notice kind="ok">{t('farm.status.approved')}</Notice> : null}
      {p.status === 'pending' ? <Notice kind="info">{t('farm.status.pending')}</Notice> : null}
      {p.status === 'rejected' ? <Notice kind="error">{t('farm.status.rejected', { note: p.reviewNote ?? '' })}</Notice> : null}
      {p.status === 'suspended' ? <Notice kind="error">{t('farm.status.suspended', { note: p.reviewNote ?? '' })}</Notice> : null}
      {p.status === 'approved' ? <a class="btn block" href="/farm/products/new">{t('farm.newProduct')}</a> : null}
      <MyProducts />
    </>
  );
}

function MyProducts() {
  const list = useLoad((signal) => api.get<Page<Product>>(`/api/catalog/producers/me/products${qs({ limit: 50 })}`, signal), []);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const setStatus = async (id: string, status: 'active' | 'paused') => {
    setBusy(id);
    setError(undefined);
    try {
      const updated = await api.post<Product>(`/api/catalog/products/${id}/status`, { status });
      list.set({ ...list.data!, items: list.data!.items.map((x) => (x.id === id ? updated : x)) });
    } catch (err) {
      setError(explain(err).summary);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <h2>{t('farm.products')}</h2>
      <LoadState state={list} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {list.data && list.data.items.length === 0 ? <p class="muted">{t('farm.noProducts')}</p> : null}
      <ul class="list" data-testid="my-products">
        {list.data?.items.map((x) => (
          <li>
            <div class="row" style="flex-wrap:nowrap">
              {x.photos[0] ? <img src={x.photos[0].small} alt="" width={64} height={64} loading="lazy" style="width:64px;height:64px;object-fit:cover;border-radius:8px" /> : null}
              <div style="flex:1">
                <strong>{x.titleZh}</strong> <span class={`tag${x.status === 'active' ? '' : ' off'}`}>{t(`farm.productStatus.${x.status}`)}</span>
                <p class="muted" style="margin:2px 0 0">
                  {yuan(x.priceFen)}{t('product.per', { unit: unitName(x.unit) })} · {t('product.stock', { n: x.stockAvailable, unit: unitName(x.unit) })}
                </p>
              </div>
            </div>
            <div class="row" style="margin-top:8px">
              <a class="btn secondary small" href={`/farm/products/${x.id}`}>{t('farm.edit')}</a>
              {x.status === 'active' ? (
                <button type="button" class="btn danger small" disabled={busy === x.id} onClick={() => setStatus(x.id, 'paused')}>{t('farm.pause')}</button>
              ) : x.status === 'paused' || x.status === 'draft' ? (
                <button type="button" class="btn small" disabled={busy === x.id} onClick={() => setStatus(x.id, 'active')}>{t('farm.resume')}</button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

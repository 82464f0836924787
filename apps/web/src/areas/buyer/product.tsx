import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import { session } from '../../api/session';
import type { Product } from '../../api/types';
import { getLang, t } from '../../i18n';
import { day, yuan } from '../../lib/format';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { categoryName, countyName, unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { productTitle } from '../../ui/product-card';
import { certificationName } from './words';

export function ProductScreen({ params }: ScreenProps) {
  const state = useLoad((signal) => api.get<Product>(`/api/catalog/products/${params.id}`, signal), [params.id]);
  const p = state.data;
  if (!p) return <LoadState state={state} />;
  const title = productTitle(p);
  const description = getLang() === 'en' && p.descriptionEn ? p.descriptionEn : p.descriptionZh;
  const unit = unitName(p.unit);
  return (
    <article>
      {p.photos.length ? (
        <div class="photos">
          {p.photos.map((ph, i) => (
            <a href={ph.large} target="_blank" rel="noopener">
              <img class="hero-photo" src={ph.small} width={360} height={270} alt={i === 0 ? title : `${title} ${i + 1}`} loading={i === 0 ? 'eager' : 'lazy'} decoding="async" />
            </a>
          ))}
        </div>
      ) : (
        <div class="hero-photo thumb empty">{t('product.noPhoto')}</div>
      )}
      <h1>{title}</h1>
      <p>
        <span class="price" style="font-size:1.4rem">{yuan(p.priceFen)}</span>
        <span class="muted">{t('product.per', { unit })}</span>
        {p.unitNote ? <span class="muted"> · {p.unitNote}</span> : null}
      </p>
      <p>
        {p.soldOut ? <span class="tag off">{t('product.soldOut')}</span> : <span class="tag">{t('product.stock', { n: p.stockAvailable, unit })}</span>}
        {p.minOrderQty > 1 ? <span class="tag">{t('product.minOrder', { n: p.minOrderQty, unit })}</span> : null}
        {p.preSale ? <span class="tag warn">{t('product.preSale')}</span> : null}
        {p.perishable ? <span class="tag warn">{t('product.perishable')}</span> : null}
      </p>
      {p.preSale && p.expectedShipDate ? <p class="muted">{t('product.preSaleShip', { day: day(p.expectedShipDate) })}</p> : null}

      {p.status === 'active' && !p.soldOut ? <AddToCart p={p} /> : null}

      {description ? (
        <>
          <h2>{t('product.description')}</h2>
          <p style="white-space:pre-line">{description}</p>
        </>
      ) : null}

      <h2>{t('product.trace')}</h2>
      <dl class="facts">
        <dt>{t('product.origin')}</dt>
        <dd>{countyName(p.originCounty)}{p.producer.county === p.originCounty ? ` ${p.producer.township}` : ''}</dd>
        <dt>{t('product.producer')}</dt>
        <dd><a href={`/producers/${p.producer.id}`}>{p.producer.name}</a></dd>
        {p.harvestFrom || p.harvestTo ? (
          <>
            <dt>{t('product.harvest')}</dt>
            <dd>{p.harvestFrom ? day(p.harvestFrom) : ''} – {p.harvestTo ? day(p.harvestTo) : ''}</dd>
          </>
        ) : null}
        {p.gradeName ? (
          <>
            <dt>{t('product.grade')}</dt>
            <dd>{p.gradeName}</dd>
          </>
        ) : null}
        {p.producer.certifications.length ? (
          <>
            <dt>{t('product.certifications')}</dt>
            <dd>{p.producer.certifications.map(certificationName).join('、')}</dd>
          </>
        ) : null}
        <dt>{t('listing.category')}</dt>
        <dd>{categoryName(p.category)}</dd>
      </dl>
    </article>
  );
}

function AddToCart({ p }: { p: Product }) {
  const s = useStore(session);
  const [qty, setQty] = useState(Math.max(1, p.minOrderQty));
  const [state, setState] = useState<{ busy: boolean; done: boolean; error?: string }>({ busy: false, done: false });
  const unit = unitName(p.unit);
  if (s && s.user.role !== 'buyer') return null;
  if (!s) {
    return (
      <p>
        <a class="btn block" href={`/login?next=${encodeURIComponent(`/p/${p.id}`)}`}>{t('product.loginToBuy')}</a>
      </p>
    );
  }
  const set = (n: number) => setQty(Math.min(p.stockAvailable, Math.max(p.minOrderQty, Math.round(n) || p.minOrderQty)));
  const add = async () => {
    setState({ busy: true, done: false });
    try {
      await api.put(`/api/cart/lines/${p.id}`, { quantity: qty });
      setState({ busy: false, done: true });
    } catch (err) {
      setState({ busy: false, done: false, error: explain(err).summary });
    }
  };
  return (
    <div class="sticky-bar">
      <div class="field" style="margin-top:0">
        <label for="qty">{t('product.quantity', { unit })}</label>
        <div class="qty">
          <button type="button" aria-label="−1" onClick={() => set(qty - 1)}>−</button>
          <input id="qty" type="number" inputMode="numeric" min={p.minOrderQty} max={p.stockAvailable} value={qty} onChange={(e) => set(Number(e.currentTarget.value))} />
          <button type="button" aria-label="+1" onClick={() => set(qty + 1)}>+</button>
          <span class="muted" style="margin-left:8px">{yuan(qty * p.priceFen)}</span>
        </div>
      </div>
      {state.error ? <Notice kind="error">{state.error}</Notice> : null}
      {state.done ? (
        <div class="row">
          <Notice kind="ok">{t('product.added')}</Notice>
          <a class="btn" href="/cart">{t('product.goCart')}</a>
        </div>
      ) : (
        <button type="button" class="btn block" disabled={state.busy} onClick={add}>{t('product.addToCart')}</button>
      )}
    </div>
  );
}

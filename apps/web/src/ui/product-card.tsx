import type { ProductListItem } from '../api/types';
import { t } from '../i18n';
import { getLang } from '../i18n';
import { yuan } from '../lib/format';
import { countyName, unitName } from '../lib/vocab';

export function productTitle(p: { titleZh: string; titleEn: string | null }): string {
  return getLang() === 'en' && p.titleEn ? p.titleEn : p.titleZh;
}

export function ProductCard({ p, eager }: { p: ProductListItem; eager?: boolean }) {
  const title = productTitle(p);
  return (
    <li class="card" data-testid="product-card">
      <a class="cover" href={`/p/${p.id}`}>
        {p.photo ? (
          <img class="thumb" src={p.photo} alt={title} width={360} height={360} loading={eager ? 'eager' : 'lazy'} decoding="async" />
        ) : (
          <div class="thumb empty" aria-hidden="true">{t('product.noPhoto')}</div>
        )}
        <div class="body">
          <h3>{title}</h3>
          <p class="muted" style="margin:0;font-size:.85rem">{countyName(p.originCounty)} · {p.producer.name}</p>
          <p style="margin:4px 0 0">
            <span class="price">{yuan(p.priceFen)}</span>
            <span class="muted">{t('product.per', { unit: unitName(p.unit) })}</span>
          </p>
          <p style="margin:2px 0 0">
            {p.soldOut ? <span class="tag off">{t('product.soldOut')}</span> : null}
            {p.preSale ? <span class="tag warn">{t('product.preSale')}</span> : null}
            {p.inSeason && !p.preSale ? <span class="tag">{t('product.inSeason')}</span> : null}
          </p>
        </div>
      </a>
    </li>
  );
}

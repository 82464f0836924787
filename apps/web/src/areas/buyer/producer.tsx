import { api, qs } from '../../api/client';
import type { Page, Producer, ProductListItem } from '../../api/types';
import { t } from '../../i18n';
import { useLoad } from '../../lib/use-load';
import { countyName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { LoadState } from '../../ui/load-state';
import { ProductCard } from '../../ui/product-card';
import { certificationName } from './words';

/** Who grows it and where: the trace a buyer of a GI product looks for. */
export function ProducerScreen({ params }: ScreenProps) {
  const producer = useLoad((signal) => api.get<Producer>(`/api/catalog/producers/${params.id}`, signal), [params.id]);
  const products = useLoad((signal) => api.get<Page<ProductListItem>>(`/api/catalog/products${qs({ producerId: params.id, limit: 20 })}`, signal), [params.id]);
  const p = producer.data;
  if (!p) return <LoadState state={producer} />;
  return (
    <>
      <h1>{p.name}</h1>
      <p>
        {t(p.kind === 'cooperative' ? 'farm.kind.cooperative' : 'farm.kind.farmer')} · {countyName(p.county)} {p.township} {p.village ?? ''}
      </p>
      {p.certifications.length ? <p>{p.certifications.map((c) => <span class="tag">{certificationName(c)}</span>)}</p> : null}
      {p.description ? <p style="white-space:pre-line">{p.description}</p> : null}
      <h2>{t('farm.products')}</h2>
      <LoadState state={products} />
      {products.data ? <ul class="grid">{products.data.items.map((x) => <ProductCard key={x.id} p={x} />)}</ul> : null}
    </>
  );
}

import { useState } from 'preact/hooks';
import { api, qs } from '../../api/client';
import type { Page, ProductListItem } from '../../api/types';
import { explain } from '../../api/errors';
import { t } from '../../i18n';
import { takeEarly } from '../../lib/early';
import { useLoad } from '../../lib/use-load';
import { CATEGORY_CODES, categoryName, COUNTY_CODES, countyName } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import { ProductCard } from '../../ui/product-card';

/** Browse and search in one screen: the filters live in the address, so back and reload keep them. */
export function Home({ query }: ScreenProps) {
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const county = query.get('county') ?? '';
  const [text, setText] = useState(q);
  const [more, setMore] = useState<{ items: ProductListItem[]; cursor: string | null; busy: boolean; error?: string }>({ items: [], cursor: null, busy: false });

  const params = { q: q || undefined, category: category || undefined, county: county || undefined, limit: 20 };
  const page = useLoad(async (signal) => {
    const res = await takeEarly<Page<ProductListItem>>(`/api/catalog/products${qs(params)}`, signal);
    setMore({ items: [], cursor: res.nextCursor, busy: false });
    return res;
  }, [q, category, county]);

  const link = (change: Record<string, string>) => {
    const next = { q, category, county, ...change };
    const s = qs(next);
    return next.q ? `/search${s}` : `/${s}`;
  };

  const loadMore = async () => {
    if (!more.cursor) return;
    setMore({ ...more, busy: true });
    try {
      const res = await api.get<Page<ProductListItem>>(`/api/catalog/products${qs({ ...params, cursor: more.cursor })}`);
      setMore({ items: [...more.items, ...res.items], cursor: res.nextCursor, busy: false });
    } catch (err) {
      setMore({ ...more, busy: false, error: explain(err).summary });
    }
  };

  const items = [...(page.data?.items ?? []), ...more.items];
  return (
    <>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(link({ q: text.trim() }));
        }}
      >
        <label for="q" class="visually-hidden">{t('home.search')}</label>
        <input id="q" type="search" name="q" value={text} placeholder={t('home.search')} enterKeyHint="search" onInput={(e) => setText(e.currentTarget.value)} />
        <button class="btn" type="submit">{t('home.searchButton')}</button>
      </form>

      <nav aria-label={t('home.categories')}>
        <div class="chips">
          <a href={link({ category: '' })} aria-current={category === '' ? 'true' : undefined}>{t('home.all')}</a>
          {CATEGORY_CODES.map((c) => (
            <a href={link({ category: c })} aria-current={category === c ? 'true' : undefined}>{categoryName(c)}</a>
          ))}
        </div>
      </nav>
      <nav aria-label={t('home.counties')}>
        <div class="chips">
          <a href={link({ county: '' })} aria-current={county === '' ? 'true' : undefined}>{t('home.counties')}: {t('home.all')}</a>
          {COUNTY_CODES.map((c) => (
            <a href={link({ county: c })} aria-current={county === c ? 'true' : undefined}>{countyName(c)}</a>
          ))}
        </div>
      </nav>

      <h1>{q ? t('home.results', { q }) : t('home.latest')}</h1>
      <LoadState state={page} />
      {page.data && items.length === 0 ? <Notice kind="info">{t('home.empty')}</Notice> : null}
      {items.length ? (
        <ul class="grid" data-testid="product-list" aria-busy={page.loading}>
          {items.map((p, i) => <ProductCard key={p.id} p={p} eager={i < 2} />)}
        </ul>
      ) : null}
      {more.error ? <Notice kind="error">{more.error}</Notice> : null}
      {more.cursor ? (
        <p>
          <button type="button" class="btn secondary block" disabled={more.busy} onClick={loadMore}>{t('common.more')}</button>
        </p>
      ) : null}
    </>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain, Explained } from '../../api/errors';
import type { Product } from '../../api/types';
import { t } from '../../i18n';
import { parseYuan, yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { Field, Notice, described } from '../../ui/bits';

/** Price and stock from the phone, and pause/resume: what a farmer changes most. */
export function Edit({ params }: ScreenProps) {
  const product = useLoad((signal) => api.get<Product>(`/api/catalog/products/${params.id}`, signal), [params.id]);
  const p = product.data;
  const [price, setPrice] = useState<string>();
  const [stock, setStock] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Explained>();
  if (!p) return product.error ? <Notice kind="error">{explain(product.error).summary}</Notice> : null;
  const priceText = price ?? (p.priceFen / 100).toFixed(2);
  const stockText = stock ?? String(p.stockAvailable);

  const save = async (e: Event) => {
    e.preventDefault();
    const fen = parseYuan(priceText);
    const fields: Record<string, string> = {};
    if (fen === null || fen < 1) fields.price = t('field.priceFen');
    if (!/^\d{1,7}$/.test(stockText.trim())) fields.stock = t('field.available');
    if (Object.keys(fields).length) return setProblem({ summary: t('err.VALIDATION_FAILED'), fields });
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      let next = p;
      if (fen !== p.priceFen) next = await api.patch<Product>(`/api/catalog/products/${p.id}`, { priceFen: fen });
      if (Number(stockText) !== p.stockAvailable) next = await api.put<Product>(`/api/catalog/products/${p.id}/stock`, { available: Number(stockText) });
      product.set(next);
      setPrice(undefined);
      setStock(undefined);
      setSaved(true);
    } catch (err) {
      setProblem(explain(err, { priceFen: 'price', available: 'stock' }));
    } finally {
      setBusy(false);
    }
  };
  const setStatus = async (status: 'active' | 'paused') => {
    setBusy(true);
    try {
      product.set(await api.post<Product>(`/api/catalog/products/${p.id}/status`, { status }));
    } catch (err) {
      setProblem(explain(err));
    } finally {
      setBusy(false);
    }
  };
  const err = problem?.fields ?? {};
  return (
    <form onSubmit={save} noValidate>
      <h1>{p.titleZh}</h1>
      <p>
        <span class={`tag${p.status === 'active' ? '' : ' off'}`}>{t(`farm.productStatus.${p.status}`)}</span> {yuan(p.priceFen)}{t('product.per', { unit: unitName(p.unit) })}
      </p>
      {saved ? <Notice kind="ok">{t('edit.saved')}</Notice> : null}
      {problem ? <Notice kind="error">{problem.summary}</Notice> : null}
      <Field id="price" label={t('edit.price')} error={err.price}>
        <input {...described('price', err.price)} inputMode="decimal" value={priceText} onInput={(e) => setPrice(e.currentTarget.value)} />
      </Field>
      <Field id="stock" label={t('edit.stock')} error={err.stock}>
        <input {...described('stock', err.stock)} inputMode="numeric" value={stockText} onInput={(e) => setStock(e.currentTarget.value)} />
      </Field>
      <button class="btn block" type="submit" disabled={busy}>{t('common.save')}</button>
      <p class="row">
        {p.status === 'active' ? (
          <button type="button" class="btn danger block" disabled={busy} onClick={() => setStatus('paused')}>{t('farm.pause')}</button>
        ) : p.status !== 'archived' ? (
          <button type="button" class="btn secondary block" disabled={busy} onClick={() => setStatus('active')}>{t('farm.resume')}</button>
        ) : null}
      </p>
      <p><a href="/farm">{t('common.back')}</a></p>
    </form>
  );
}

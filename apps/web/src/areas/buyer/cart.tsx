import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { explain } from '../../api/errors';
import type { Cart, CartLine } from '../../api/types';
import { t } from '../../i18n';
import { yuan } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { unitName } from '../../lib/vocab';
import type { ScreenProps } from '../../routes';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';

export function CartScreen(_: ScreenProps) {
  const cart = useLoad((signal) => api.get<Cart>('/api/cart', signal), []);
  const [error, setError] = useState<string>();
  const change = async (fn: () => Promise<Cart>) => {
    setError(undefined);
    try {
      cart.set(await fn());
    } catch (err) {
      setError(explain(err).summary);
    }
  };
  const c = cart.data;
  if (!c) return <LoadState state={cart} />;
  return (
    <>
      <h1>{t('cart.title')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {c.lines.length === 0 ? (
        <>
          <Notice kind="info">{t('cart.empty')}</Notice>
          <a class="btn block" href="/">{t('cart.shop')}</a>
        </>
      ) : (
        <>
          <ul class="list" data-testid="cart-lines">
            {c.lines.map((l) => (
              <CartRow key={l.productId} l={l} onQty={(q) => change(() => api.put<Cart>(`/api/cart/lines/${l.productId}`, { quantity: q }))} onRemove={() => change(() => api.delete<Cart>(`/api/cart/lines/${l.productId}`))} />
            ))}
          </ul>
          {c.hasProblems ? <Notice kind="error">{t('cart.fixProblems')}</Notice> : null}
          <div class="sticky-bar row spread">
            <span>
              {t('cart.total')} <span class="price" data-testid="cart-total">{yuan(c.itemsFen)}</span>
            </span>
            {c.hasProblems ? (
              <button type="button" class="btn" disabled>{t('cart.checkout')}</button>
            ) : (
              <a class="btn" href="/checkout">{t('cart.checkout')}</a>
            )}
          </div>
        </>
      )}
    </>
  );
}

function CartRow({ l, onQty, onRemove }: { l: CartLine; onQty: (q: number) => void; onRemove: () => void }) {
  const unit = l.unit ? unitName(l.unit) : '';
  const min = l.minOrderQty ?? 1;
  const id = `q-${l.productId}`;
  return (
    <li>
      <div class="row" style="flex-wrap:nowrap;align-items:flex-start">
        {l.photo ? <img src={l.photo} alt="" width={64} height={64} loading="lazy" style="width:64px;height:64px;object-fit:cover;border-radius:8px" /> : null}
        <div style="flex:1">
          <a href={`/p/${l.productId}`}>{l.titleZh ?? l.productId}</a>
          <p class="muted" style="margin:2px 0">
            {l.unitPriceFen !== null ? `${yuan(l.unitPriceFen)}${t('product.per', { unit })}` : ''}
            {l.problem ? <span class="tag off" style="margin-left:6px">{t(`cart.problem.${l.problem}`)}</span> : null}
          </p>
        </div>
        <span class="price">{l.lineTotalFen !== null ? yuan(l.lineTotalFen) : ''}</span>
      </div>
      <div class="row spread" style="margin-top:6px">
        <div class="qty">
          <button type="button" aria-label="−1" disabled={l.quantity <= min} onClick={() => onQty(l.quantity - 1)}>−</button>
          <label for={id} class="visually-hidden">{t('product.quantity', { unit })}</label>
          <input id={id} type="number" inputMode="numeric" min={min} value={l.quantity} onChange={(e) => onQty(Math.max(1, Math.round(Number(e.currentTarget.value)) || min))} />
          <button type="button" aria-label="+1" onClick={() => onQty(l.quantity + 1)}>+</button>
        </div>
        <button type="button" class="btn danger small" onClick={onRemove}>{t('cart.remove')}</button>
      </div>
    </li>
  );
}

import { ApiError, api, qs } from '../../api/client';
import type { Page, Product } from '../../api/types';
import { parseYuan } from '../../lib/format';
import { createStore } from '../../lib/store';
import { deleteDraft, ListingDraft, ListingFields, loadDraft, saveDraft } from './drafts';

export type SendState =
  | { kind: 'idle' }
  | { kind: 'waiting' } // queued, no connection: goes out on `online`
  | { kind: 'sending'; step: 'create' | 'photo' | 'activate' }
  | { kind: 'done'; product: Product }
  | { kind: 'failed'; error: unknown };

/** What the listing screen shows about the queued listing; it may be sending while the farmer looks elsewhere. */
export const sendState = createStore<SendState>({ kind: 'idle' });

export function productBody(f: ListingFields) {
  return {
    category: f.category,
    titleZh: f.titleZh.trim(),
    unit: f.unit,
    priceFen: parseYuan(f.price) ?? Number.NaN,
    stock: f.stock.trim() === '' ? 0 : Number(f.stock),
    unitNote: f.unitNote.trim() || undefined,
    descriptionZh: f.descriptionZh.trim() || undefined,
    harvestFrom: f.harvestFrom || undefined,
    harvestTo: f.harvestTo || undefined,
  };
}

/** Errors that say "not now" rather than "not like this": keep the listing and try again later. */
export function isTransient(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'NETWORK' || err.status >= 500 || err.status === 429);
}

/**
 * A create whose answer was lost may have made the product anyway: look for a draft of ours with the
 * same title and price made since, and carry on with it instead of listing the produce twice.
 */
async function findLostCreate(d: ListingDraft): Promise<string | undefined> {
  const body = productBody(d.fields);
  const page = await api.get<Page<Product & { createdAt: string }>>(`/api/catalog/producers/me/products${qs({ status: 'draft', limit: 50 })}`);
  const since = (d.createSentAt ?? 0) - 60_000;
  return page.items.find((p) => p.titleZh === body.titleZh && p.priceFen === body.priceFen && Date.parse(p.createdAt) >= since)?.id;
}

let running: Promise<void> | null = null;

/** Sends the queued listing, step by step, saving progress after each step; one run at a time. */
export function sendQueued(): Promise<void> {
  running ??= run().finally(() => {
    running = null;
  });
  return running;
}

async function run(): Promise<void> {
  let d = await loadDraft();
  if (!d || d.stage !== 'queued') return;
  if (!navigator.onLine) {
    sendState.set({ kind: 'waiting' });
    return;
  }
  try {
    if (!d.productId) {
      sendState.set({ kind: 'sending', step: 'create' });
      if (d.createSentAt) d.productId = await findLostCreate(d);
      if (!d.productId) {
        d = { ...d, createSentAt: Date.now() };
        await saveDraft(d);
        const created = await api.post<Product>('/api/catalog/products', productBody(d.fields));
        d = { ...d, productId: created.id };
      }
      await saveDraft(d);
    } else if (d.needsUpdate) {
      // Sent again after the server refused a later step: the farmer may have corrected the fields.
      sendState.set({ kind: 'sending', step: 'create' });
      const { stock, ...fields } = productBody(d.fields);
      await api.patch(`/api/catalog/products/${d.productId}`, fields);
      await api.put(`/api/catalog/products/${d.productId}/stock`, { available: stock });
      d = { ...d, needsUpdate: false };
      await saveDraft(d);
    }
    if (d.photo && !d.photoDone) {
      sendState.set({ kind: 'sending', step: 'photo' });
      const form = new FormData();
      form.append('file', d.photo, d.photo.type === 'image/webp' ? 'photo.webp' : 'photo.jpg');
      await api.upload(`/api/catalog/products/${d.productId}/photos`, form);
      d = { ...d, photoDone: true };
      await saveDraft(d);
    }
    sendState.set({ kind: 'sending', step: 'activate' });
    const product = await api.post<Product>(`/api/catalog/products/${d.productId}/status`, { status: 'active' });
    await deleteDraft();
    sendState.set({ kind: 'done', product });
  } catch (err) {
    if (isTransient(err)) {
      sendState.set({ kind: 'waiting' });
      return;
    }
    // The server refused the listing as it is: back to the form, with the reasons by the fields.
    await saveDraft({ ...d, stage: 'editing', createSentAt: undefined });
    sendState.set({ kind: 'failed', error: err });
  }
}

// Whenever this phone gets its connection back, a queued listing goes out without the farmer doing anything.
window.addEventListener('online', () => void sendQueued());

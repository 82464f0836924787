/**
 * The listing a farmer is filling in, kept on the phone in IndexedDB (fields and the shrunk photo as a
 * Blob): a dropped connection or a reload loses nothing, and a listing tapped "send" offline goes out
 * when the phone is back online.
 */
export interface ListingFields {
  titleZh: string;
  category: string;
  unit: string;
  price: string;
  stock: string;
  unitNote: string;
  descriptionZh: string;
  harvestFrom: string;
  harvestTo: string;
}

export interface ListingDraft {
  fields: ListingFields;
  photo: Blob | null;
  /** editing: being filled in; queued: the farmer tapped send and it waits for (or is on) its way. */
  stage: 'editing' | 'queued';
  /** Set once the server has the product, so a retry continues instead of listing it twice. */
  productId?: string;
  /** A create was sent whose answer may have been lost: look for it before creating again. */
  createSentAt?: number;
  photoDone?: boolean;
  /** The fields changed after the product was made: send them before the remaining steps. */
  needsUpdate?: boolean;
  updatedAt: number;
}

export const EMPTY_FIELDS: ListingFields = {
  titleZh: '',
  category: 'fruit',
  unit: 'jin',
  price: '',
  stock: '',
  unitNote: '',
  descriptionZh: '',
  harvestFrom: '',
  harvestTo: '',
};

const DB = 'zt-farmer';
const STORE = 'drafts';
const KEY = 'new-listing';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result as T);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export const loadDraft = () => tx<ListingDraft | undefined>('readonly', (s) => s.get(KEY));
export const saveDraft = (d: ListingDraft) => tx<unknown>('readwrite', (s) => s.put({ ...d, updatedAt: Date.now() }, KEY));
export const deleteDraft = () => tx<unknown>('readwrite', (s) => s.delete(KEY));

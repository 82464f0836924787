import { api } from '../api/client';

/**
 * Requests the first screen will make, started as the shell boots instead of after the screen's chunk
 * has arrived: on a 400 ms round trip that overlap is most of a second. Each is used once.
 */
const started = new Map<string, Promise<unknown>>();

export const HOME_LIST = '/api/catalog/products?limit=20';

export function startEarly(path: string): void {
  if (path === '/') started.set(HOME_LIST, api.get(HOME_LIST).catch(() => undefined));
}

/** The early answer for `url`, or a fresh request when there was none (or it failed). */
export function takeEarly<T>(url: string, signal: AbortSignal): Promise<T> {
  const early = started.get(url);
  started.delete(url);
  if (!early) return api.get<T>(url, signal);
  return early.then((res) => (res === undefined ? api.get<T>(url, signal) : (res as T)));
}

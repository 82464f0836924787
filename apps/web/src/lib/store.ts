import { useEffect, useReducer } from 'preact/hooks';

/** A value that screens can watch; enough state management for an app of forms and lists. */
export interface Store<T> {
  get(): T;
  set(next: T): void;
  subscribe(fn: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      subs.forEach((fn) => fn());
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [, rerender] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => store.subscribe(() => rerender()), [store]);
  return store.get();
}

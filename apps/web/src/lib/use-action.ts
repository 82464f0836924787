import { useState } from 'preact/hooks';
import { explain } from '../api/errors';

interface ActOptions {
  /** Which button is working, for screens that disable only that one. */
  key?: string;
  /** Where a failure goes instead of `error` (a scan field's own message, say). */
  onError?: (err: unknown) => void;
}

/**
 * A screen's buttons that change something: `done` is what the last one did, `error` why it failed.
 * `succeeded` runs after each one that worked, `settled` after every attempt (to re-read what the server now has).
 */
export function useAction(opts: { describe?: (err: unknown) => string; succeeded?: () => void; settled?: () => void } = {}) {
  const [busyKey, setBusyKey] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const act = async (work: () => Promise<string>, { key = 'busy', onError }: ActOptions = {}) => {
    setBusyKey(key);
    setDone(undefined);
    setError(undefined);
    try {
      setDone(await work());
      opts.succeeded?.();
    } catch (err) {
      if (onError) onError(err);
      else setError(opts.describe ? opts.describe(err) : explain(err).summary);
    } finally {
      setBusyKey(undefined);
      opts.settled?.();
    }
  };
  return { busy: busyKey !== undefined, busyKey, done, error, act };
}

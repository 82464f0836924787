import { useState } from 'preact/hooks';
import { explain, Explained } from '../../api/errors';

/** Form state with the API's answer explained per field; `run` guards against a double tap. */
export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [problem, setProblem] = useState<Explained>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof T) => (e: { currentTarget: { value: string } }) => setValues((v) => ({ ...v, [name]: e.currentTarget.value }));
  const run = async (fn: () => Promise<void>, aliases?: Record<string, string>) => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await fn();
    } catch (err) {
      setProblem(explain(err, aliases));
    } finally {
      setBusy(false);
    }
  };
  return { values, setValues, set, problem, setProblem, busy, run };
}

import { useCallback, useState } from 'react';

/** A user action's state: `run` marks it busy, clears the last error, and keeps the new one if it fails. */
export function useAction(): {
  busy: boolean;
  error: unknown;
  setError(error: unknown): void;
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

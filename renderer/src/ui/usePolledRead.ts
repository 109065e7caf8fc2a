import { useEffect, useState } from 'react';
import { errorText } from './errors';

/**
 * A read of the core kept current: now, every `everyMs`, again whenever `read` or `refreshKey`
 * changes, and (with `onFocus`) when the window regains focus. `read` must be stable
 * (useCallback). The last value stays on screen while a later read fails.
 */
export function usePolledRead<T>(
  read: () => Promise<T>,
  everyMs: number,
  options: { onFocus?: boolean; refreshKey?: string | number | null } = {},
): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { onFocus = false, refreshKey = null } = options;
  useEffect(() => {
    const load = () => {
      read()
        .then((next) => {
          setValue(next);
          setError(null);
        })
        .catch((e: unknown) => setError(errorText(e)));
    };
    load();
    const every = setInterval(load, everyMs);
    if (onFocus) window.addEventListener('focus', load);
    return () => {
      clearInterval(every);
      if (onFocus) window.removeEventListener('focus', load);
    };
  }, [read, everyMs, onFocus, refreshKey]);
  return { value, error };
}

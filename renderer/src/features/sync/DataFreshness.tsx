import { useCallback, useEffect, useState } from 'react';
import type { DataFreshnessView } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { useSync } from './sync-store';

/** Re-read after every sync round, every half minute (data ages offline) and on focus. */
function useFreshness() {
  const [view, setView] = useState<DataFreshnessView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const load = useCallback(() => {
    unwrap(clinician().sync.freshness())
      .then((next) => {
        setView(next);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    load();
    const every = setInterval(load, 30_000);
    window.addEventListener('focus', load);
    return () => {
      clearInterval(every);
      window.removeEventListener('focus', load);
    };
  }, [load, lastSyncedAt]);
  return { view, error };
}

/**
 * "Data as of …" (UK time) on every workspace screen, and, where risk is shown, a warning when
 * the cache is older than the service allows: a disclosure since then is not on this device.
 */
export function DataFreshness({ riskShown }: { riskShown: boolean }) {
  const { view, error } = useFreshness();
  if (!view) return <ErrorText error={error} />;
  return (
    <div className="data-freshness">
      <p className="muted small data-as-of">
        {view.dataAsOf ? (
          <>
            Data as of <Time iso={view.dataAsOf} />
          </>
        ) : (
          view.sentence
        )}
      </p>
      {view.stale && riskShown && view.warning ? (
        <p className="notice notice--warn" role="alert">
          <strong>Data may be out of date.</strong> {view.warning}
        </p>
      ) : null}
    </div>
  );
}

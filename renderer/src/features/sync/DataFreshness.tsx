import { useCallback } from 'react';
import { clinician, unwrap } from '../../bridge';
import { usePolledRead } from '../../ui/usePolledRead';
import { ErrorText } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { useSync } from './sync-store';

/** Re-read after every sync round, every half minute (data ages offline) and on focus. */
function useFreshness() {
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const read = useCallback(() => unwrap(clinician().sync.freshness()), []);
  const { value: view, error } = usePolledRead(read, 30_000, {
    onFocus: true,
    refreshKey: lastSyncedAt,
  });
  return { view, error };
}

/**
 * When this computer's copy was last brought up to date with the service in full (the core
 * lane read to the end of the feed), for Settings' "data held on this computer".
 */
export function LastFullSync() {
  const { view, error } = useFreshness();
  if (!view) return <ErrorText error={error} />;
  return (
    <p>
      {view.dataAsOf ? (
        <>
          Last brought fully up to date with the service: <Time iso={view.dataAsOf} />.
        </>
      ) : (
        'Not yet downloaded in full from the service.'
      )}
    </p>
  );
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

import { useEffect } from 'react';
import { clinician } from '../../bridge';

/**
 * When the computer says its network is back, the location rule is checked again with the
 * service at once (the answer is published by the core; a failure changes nothing here).
 * The location screen does the same while patient data is closed.
 */
export function useRecheckOnNetworkReturn(): void {
  useEffect(() => {
    const recheck = (): void => {
      void clinician()
        .location.checkAgain({})
        .catch(() => undefined);
    };
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, []);
}

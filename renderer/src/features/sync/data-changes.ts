import type { z } from 'zod';
import type { DataChanged } from '../../../../shared/ipc';
import { clinician } from '../../bridge';

export type DataChange = z.infer<typeof DataChanged>;
type Listener = (change: DataChange) => void;

const listeners = new Set<Listener>();
let unsubscribe: (() => void) | null = null;

/**
 * One subscription to `sync.dataChanged`, fanned out to the store slices that follow it,
 * so each slice re-reads only what it shows (the UI never polls).
 */
export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  if (!unsubscribe) {
    unsubscribe = clinician().sync.dataChanged((change) => {
      for (const each of [...listeners]) each(change);
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/** Whether a change concerns these entities (and this patient, when given). */
export function touches(
  change: DataChange,
  entities: readonly string[],
  patientId?: string,
): boolean {
  const entityHit =
    change.entities.includes('*') || change.entities.some((entity) => entities.includes(entity));
  if (!entityHit) return false;
  if (!patientId || change.patientIds === null) return true;
  return change.patientIds.includes(patientId);
}

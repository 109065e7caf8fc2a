import { existsSync, readFileSync } from 'node:fs';
import {
  defaultServiceConfig,
  serviceConfigFromWire,
  type UrgentRisk,
  UrgentRiskSchema,
} from '../../../shared/clinical';
import type { CrisisPanel } from '../../../shared/ipc';
import { serviceCoverPathIn } from '../keys';
import { writeFileAtomically } from '../keys/atomic-file';
import type { Store } from '../store';
import { standingEmergencyContacts } from '../workspace/local-writes';
import { urgentRiskView } from '../workspace/urgent-risk-view';

/** The service's urgent-risk cover as synced, or null when this store has none yet. */
export function syncedCover(store: Store | null): UrgentRisk | null {
  const wire = store?.records.list('serviceConfig')[0]?.data;
  return wire ? serviceConfigFromWire(wire).urgentRisk : null;
}

/** The copy saved beside the database (readable before it opens), or null. */
export function savedCover(dataDir: string | null): UrgentRisk | null {
  if (dataDir === null) return null;
  const path = serviceCoverPathIn(dataDir);
  if (!existsSync(path)) return null;
  try {
    const parsed = UrgentRiskSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the service's cover beside the database so a locked screen can show it even before
 * the database opens (the passcode seals its key). Written only when it changed. Best effort:
 * a disk that refuses the copy must not stop a sync round or the panel (the synced cover is
 * still shown while the database is open); it is tried again at the next round.
 */
export function coverKeeper(dataDir: string | null) {
  let written: string | null = null;
  return (cover: UrgentRisk | null): void => {
    if (dataDir === null || cover === null) return;
    const text = JSON.stringify(cover);
    if (text === written) return;
    try {
      writeFileAtomically(serviceCoverPathIn(dataDir), text);
      written = text;
    } catch {
      written = null;
    }
  };
}

export interface CrisisFacts {
  /** The store, if open (it stays open while locked once unlocked this run). */
  readonly store: Store | null;
  readonly dataDir: string | null;
  readonly patientDataOpen: boolean;
  readonly now: Date;
  readonly patientId: string | null;
}

/**
 * The crisis panel in every state of the app. The service's cover comes from the synced
 * configuration, else the copy saved at the last sync, else the defaults (hours and what to
 * do, no numbers: none is ever invented). A patient's name and local emergency contacts are
 * patient data: only while patient data is open, whatever was asked.
 */
export function crisisPanel(f: CrisisFacts): CrisisPanel {
  const synced = syncedCover(f.store);
  const saved = synced ? null : savedCover(f.dataDir);
  const cover = synced ?? saved ?? defaultServiceConfig.urgentRisk;
  const source = synced ? 'synced' : saved ? 'saved' : 'none';
  const service = urgentRiskView(cover, f.now.toISOString());
  if (!f.patientDataOpen || f.patientId === null || f.store === null) {
    return { service, source, patientDataOpen: f.patientDataOpen, patient: null };
  }
  const record = f.store.records.get('patient', f.patientId)?.data;
  if (!record) return { service, source, patientDataOpen: true, patient: null };
  return {
    service,
    source,
    patientDataOpen: true,
    patient: {
      patientId: f.patientId,
      name: `${record.givenName} ${record.familyName}`,
      contacts: standingEmergencyContacts(f.store, f.patientId).map(({ data: c }) => ({
        name: c.name,
        relationship: c.relationship,
        phone: c.phone,
        localEmergencyNumber: c.localEmergencyNumber,
      })),
    },
  };
}

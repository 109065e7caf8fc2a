import { z } from 'zod';
import { method } from '../define';
import { Id } from './common';
import { UrgentRiskView } from './workspace-views';

/** A patient's local emergency contact, as the crisis panel shows it. */
export const CrisisContact = z.strictObject({
  name: z.string(),
  relationship: z.string(),
  phone: z.string(),
  localEmergencyNumber: z.string(),
});

/**
 * The crisis panel: the service's urgent-risk cover in every state of the app (locked screens
 * included), and a patient's local emergency contacts only while patient data is open.
 */
export const CrisisPanel = z.strictObject({
  service: UrgentRiskView,
  /**
   * Where the service's cover came from: the synced configuration, the copy this device
   * saved at its last sync (patient data closed, database not open), or none (never synced:
   * hours and the general advice only, no numbers).
   */
  source: z.enum(['synced', 'saved', 'none']),
  patientDataOpen: z.boolean(),
  /** Null while patient data is closed, or when no patient was asked for. */
  patient: z
    .strictObject({
      patientId: Id,
      name: z.string(),
      contacts: z.array(CrisisContact),
    })
    .nullable(),
});
export type CrisisPanel = z.infer<typeof CrisisPanel>;

export const crisisContract = {
  panel: method(
    z.strictObject({ patientId: Id.nullable() }),
    CrisisPanel,
    "Who to call about urgent risk now, and the patient's local emergency contacts (only while patient data is open). Answers in every state of the app.",
  ),
} as const;

/**
 * The checklist of a working trip abroad (docs/domain.md: before working abroad the therapist
 * must know each patient's local emergency contact and tell each patient). Per active
 * patient: a local emergency contact recorded, and told by a message the service accepted
 * (`delivered`; one still queued or refused does not count). Ready only when every active
 * patient has both. The same rule on the therapist's device and on the supervisor's.
 */
export type PatientToldState = 'not-sent' | 'queued' | 'delivered' | 'refused';

export interface ChecklistPatient {
  readonly patientId: string;
  readonly name: string;
  readonly hasContact: boolean;
  readonly told: PatientToldState;
}

export interface TripChecklist {
  readonly activePatients: number;
  readonly withoutContact: number;
  readonly told: {
    readonly notSent: number;
    readonly queued: number;
    readonly refused: number;
    readonly delivered: number;
  };
  readonly ready: boolean;
  /** The patients still missing something, by name (sorted), with what each is missing. */
  readonly missing: {
    readonly patientId: string;
    readonly name: string;
    readonly contact: boolean;
    readonly told: PatientToldState;
  }[];
}

const COUNT_OF = {
  'not-sent': 'notSent',
  queued: 'queued',
  refused: 'refused',
  delivered: 'delivered',
} as const;

export function tripChecklistOf(patients: readonly ChecklistPatient[]): TripChecklist {
  const told = { notSent: 0, queued: 0, refused: 0, delivered: 0 };
  for (const p of patients) told[COUNT_OF[p.told]] += 1;
  const missing = patients
    .filter((p) => !p.hasContact || p.told !== 'delivered')
    .map((p) => ({ patientId: p.patientId, name: p.name, contact: p.hasContact, told: p.told }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.patientId.localeCompare(b.patientId));
  return {
    activePatients: patients.length,
    withoutContact: patients.filter((p) => !p.hasContact).length,
    told,
    ready: missing.length === 0,
    missing,
  };
}

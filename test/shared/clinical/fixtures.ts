import type {
  Appointment,
  CaseReview,
  ClinicalFacts,
  Episode,
  MeasureRecord,
  Message,
  Note,
  ServiceConfig,
  Ticket,
} from '../../../shared/clinical';
import { defaultServiceConfig } from '../../../shared/clinical';

/** A PHQ-9, GAD-7 or WSAS record. */
export type ItemRecord = Extract<MeasureRecord, { items: number[] }>;

/** Synthetic data only. */
export const SAM = { id: 'p-sam', name: 'Sam Carter' };
export const ALEX = { id: 'p-alex', name: 'Alex Moreno' };

export const config: ServiceConfig = defaultServiceConfig;

type ConfigGroup = Exclude<keyof ServiceConfig, 'serviceZone'>;

/** The default config with some fields of its groups replaced. */
export function configWith(patch: {
  [K in ConfigGroup]?: Partial<ServiceConfig[K]>;
}): ServiceConfig {
  const out = structuredClone(defaultServiceConfig);
  for (const [key, value] of Object.entries(patch)) {
    const k = key as ConfigGroup;
    out[k] = { ...out[k], ...value } as never;
  }
  return out;
}

export function facts(partial: Partial<ClinicalFacts> = {}): ClinicalFacts {
  return {
    patients: [SAM, ALEX],
    episodes: [],
    messages: [],
    appointments: [],
    notes: [],
    tickets: [],
    reviews: [],
    measures: [],
    ...partial,
  };
}

export function episode(over: Partial<Episode> = {}): Episode {
  return { id: 'e1', patientId: SAM.id, step: 2, startedAt: '2026-03-02T09:00:00.000Z', ...over };
}

export function message(over: Partial<Message> & Pick<Message, 'id' | 'receivedAt'>): Message {
  return { patientId: SAM.id, sender: 'patient', ...over };
}

export function appointment(
  over: Partial<Appointment> & Pick<Appointment, 'id' | 'startsAt'>,
): Appointment {
  return { patientId: SAM.id, episodeId: 'e1', kind: 'treatment', durationMinutes: 45, ...over };
}

export function note(over: Partial<Note> & Pick<Note, 'id' | 'completedAt'>): Note {
  return { patientId: SAM.id, kind: 'session_note', ...over };
}

export function ticket(over: Partial<Ticket> & Pick<Ticket, 'id' | 'kind' | 'raisedAt'>): Ticket {
  return { patientId: SAM.id, episodeId: 'e1', ...over };
}

export function review(
  over: Partial<CaseReview> & Pick<CaseReview, 'id' | 'reviewedAt'>,
): CaseReview {
  return { patientId: SAM.id, ...over };
}

/** Items that sum to `total` for a measure of `count` items each 0..max (front-loaded). */
export function itemsFor(total: number, count: number, max: number): number[] {
  const items: number[] = [];
  let left = total;
  for (let i = 0; i < count; i += 1) {
    const v = Math.min(max, left);
    items.push(v);
    left -= v;
  }
  return items;
}

export function phq9(
  appointmentId: string,
  takenAt: string,
  total: number,
  episodeId = 'e1',
): ItemRecord {
  // item 9 last: keep it 0 unless the total needs it, so risk flags are explicit in tests
  const items = itemsFor(total, 9, 3);
  return {
    id: `phq9-${appointmentId}`,
    patientId: SAM.id,
    episodeId,
    appointmentId,
    takenAt,
    measure: 'phq9',
    items,
  };
}

export function gad7(
  appointmentId: string,
  takenAt: string,
  total: number,
  episodeId = 'e1',
): ItemRecord {
  const items = itemsFor(total, 7, 3);
  return {
    id: `gad7-${appointmentId}`,
    patientId: SAM.id,
    episodeId,
    appointmentId,
    takenAt,
    measure: 'gad7',
    items,
  };
}

import type { Patient, ServiceConfig as ApiServiceConfig } from '../../../shared/api';
import {
  computeDeadlines,
  type Deadline,
  markDeadlinesDuringLeave,
  serviceConfigFromWire,
  type ServiceConfig,
} from '../../../shared/clinical';
import { leavesByTherapist } from '../app/leave';
import type { Store } from '../store';
import { type CachedCaseFacts, toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { undeliveredMessages, unsettledBookings } from './local-writes';

export interface CaseSnapshot {
  readonly generation: number;
  readonly facts: CachedCaseFacts;
  readonly config: ServiceConfig;
  readonly apiConfig: ApiServiceConfig | undefined;
  readonly deadlines: readonly Deadline[];
  readonly deadlinesAt: number;
  readonly byPatient: ReadonlyMap<string, PatientFacts>;
}
export interface PatientFacts {
  readonly patient: Patient;
  readonly episodes: CachedCaseFacts['episodes'];
  readonly appointments: CachedCaseFacts['appointments'];
  readonly messages: CachedCaseFacts['messages'];
  readonly notes: CachedCaseFacts['notes'];
  readonly tickets: CachedCaseFacts['tickets'];
  readonly measures: CachedCaseFacts['measures'];
  /**
   * Sessions this device booked that the server refused: shown on the patient's record with
   * the reason until discarded, and counted nowhere else (not in the sessions used or
   * booked, not as the next session, no deadline).
   */
  readonly refusedBookings: CachedCaseFacts['appointments'];
}

/**
 * The entities the snapshot is built from: a change to any other (a page of transcripts, a
 * comment, a rating) leaves it as it is. Add an entity here when `build` starts reading it.
 */
export const CASE_FACT_ENTITIES = [
  'patient',
  'episode',
  'appointment',
  'message',
  'note',
  'ticket',
  'measure',
  'serviceConfig',
  // Leave marks the deadlines that fall inside it ("during your leave").
  'workAbroadDeclaration',
  'outbox',
] as const;

/** Deadlines are recomputed when the data changes, or at most once a minute as time passes. */
const DEADLINE_REFRESH_MS = 60_000;
const DONE_HISTORY_MS = 14 * 24 * 3_600_000;

/**
 * Every cached patient: the server scopes the feed to what this user may see (their own
 * caseload plus current supervisees'), and evictions remove the rest.
 */
export function visiblePatients(store: Store): Patient[] {
  return store.records.list('patient').map((r) => r.data);
}

/**
 * A memoised, in-memory view of the cached case facts: rebuilt only when the cache's
 * generation moves, so caseload and deadline queries stay in single milliseconds.
 */
export function createCaseReader(ctx: WorkspaceContext) {
  let snapshot: CaseSnapshot | null = null;

  const build = (store: Store): CaseSnapshot => {
    const patients = visiblePatients(store);
    const ids = new Set(patients.map((p) => p.id));
    const of = <E extends 'episode' | 'appointment' | 'message' | 'note' | 'ticket' | 'measure'>(
      entity: E,
    ) =>
      store.records
        .list(entity)
        .map((r) => r.data)
        .filter((d) => ids.has(d.patientId));
    const refused = new Set(
      [...unsettledBookings(store)].filter(([, b]) => b.status === 'rejected').map(([id]) => id),
    );
    const allAppointments = of('appointment');
    const facts: CachedCaseFacts = {
      patients,
      episodes: of('episode'),
      appointments: allAppointments.filter((a) => !refused.has(a.id)),
      messages: of('message'),
      notes: of('note'),
      tickets: of('ticket'),
      measures: of('measure'),
    };
    const byPatient = new Map<string, PatientFacts>(
      patients.map((patient) => [
        patient.id,
        {
          patient,
          episodes: [],
          appointments: [],
          refusedBookings: [],
          messages: [],
          notes: [],
          tickets: [],
          measures: [],
        },
      ]),
    );
    const push = <K extends Exclude<keyof PatientFacts, 'patient'>>(
      key: K,
      rows: readonly PatientFacts[K][number][],
    ) => {
      for (const row of rows)
        (byPatient.get(row.patientId)?.[key] as PatientFacts[K][number][] | undefined)?.push(row);
    };
    push('episodes', facts.episodes);
    push('appointments', facts.appointments);
    push(
      'refusedBookings',
      allAppointments.filter((a) => refused.has(a.id)),
    );
    push('messages', facts.messages);
    push('notes', facts.notes);
    push('tickets', facts.tickets);
    push('measures', facts.measures);
    const apiConfig = store.records.list('serviceConfig')[0]?.data;
    const config = serviceConfigFromWire(apiConfig);
    const now = ctx.now();
    // Deadlines met more than two weeks ago are history: leaving them out keeps a 250-patient
    // recomputation in the low hundreds of milliseconds (shared/clinical README).
    const leavesOf = leavesByTherapist(store);
    const therapistOf = (patientId: string) => byPatient.get(patientId)?.patient.therapistId ?? '';
    const computed = computeDeadlines(
      toClinicalFacts(facts, undeliveredMessages(store)),
      config,
      now.toISOString(),
      {
        deviceZone: ctx.zone(),
        omitDoneBefore: new Date(now.getTime() - DONE_HISTORY_MS).toISOString(),
      },
    );
    // A deadline inside its therapist's leave reads "during your leave" (shared/clinical/leave.ts).
    const deadlines = markDeadlinesDuringLeave(computed, (id) => leavesOf(therapistOf(id)));
    return {
      generation: ctx.generation(CASE_FACT_ENTITIES),
      facts,
      config,
      apiConfig,
      deadlines,
      deadlinesAt: now.getTime(),
      byPatient,
    };
  };

  return {
    snapshot(): CaseSnapshot {
      const store = ctx.store();
      const stale =
        !snapshot ||
        snapshot.generation !== ctx.generation(CASE_FACT_ENTITIES) ||
        ctx.now().getTime() - snapshot.deadlinesAt > DEADLINE_REFRESH_MS;
      if (stale) snapshot = build(store);
      return snapshot as CaseSnapshot;
    },
    invalidate(): void {
      snapshot = null;
    },
  };
}
export type CaseReader = ReturnType<typeof createCaseReader>;

import type { ClinicianHandlers } from '../../../shared/ipc';
import { episodeOutcome } from '../../../shared/clinical';
import type { CaseReader } from './case-reader';
import { caseloadQuery, openEpisode, phaseOf, riskOf } from './caseload-query';
import { toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { syncStates } from './local-writes';
import { appointmentViews } from './outcome-handlers';
import { urgentRiskView } from './urgent-risk-view';
import { RefusedError } from '../../../shared/ipc';

export function readHandlers(ctx: WorkspaceContext, cases: CaseReader) {
  const caseloadOf = caseloadQuery(ctx, cases);
  const caseload: ClinicianHandlers['caseload'] = {
    list: (request) => caseloadOf(request.therapistId),
    therapists: () => therapists(),
  };

  function therapists() {
    const me = ctx.user();
    const snap = cases.snapshot();
    const therapists = ctx
      .store()
      .records.list('user')
      .map((u) => u.data)
      .filter((u) => u.id !== me.id)
      .map((u) => ({
        id: u.id,
        displayName: u.displayName,
        role: u.role,
        activePatients: [...snap.byPatient.values()].filter(
          (f) => f.patient.therapistId === u.id && f.patient.status === 'active',
        ).length,
      }));
    return { therapists };
  }

  const urgentRisk: ClinicianHandlers['patients']['urgentRisk'] = () =>
    urgentRiskView(cases.snapshot().config.urgentRisk, ctx.now().toISOString());

  const patients: Omit<ClinicianHandlers['patients'], 'setEmergencyContact'> = {
    urgentRisk,
    get: ({ patientId }) => {
      const snap = cases.snapshot();
      const facts = snap.byPatient.get(patientId);
      if (!facts)
        throw new RefusedError(
          'This patient is not on this device (not on your caseload, or no longer visible to you).',
        );
      const store = ctx.store();
      ctx.audit('open_patient', patientId, patientId);
      const state = syncStates(store);
      const drafts = new Map(store.noteDrafts.listForPatient(patientId).map((d) => [d.noteId, d]));
      const serverNotes = new Map(facts.notes.map((n) => [n.id, n]));
      const noteIds = new Set([...serverNotes.keys(), ...drafts.keys()]);
      const clinical = toClinicalFacts({ ...facts, patients: [facts.patient] });
      const episode = openEpisode(facts);
      const clinicalEpisode = clinical.episodes.find((e) => e.id === episode?.id);
      let outcome: ReturnType<typeof episodeOutcome> | null = null;
      let outcomeProblem: string | null = null;
      try {
        outcome = clinicalEpisode
          ? episodeOutcome(clinicalEpisode, clinical.appointments, clinical.measures, snap.config)
          : null;
      } catch (error) {
        // A configuration gap (e.g. an ADSM without thresholds) is shown, never a wrong outcome.
        outcomeProblem = error instanceof Error ? error.message : String(error);
      }
      const byTime =
        <T>(key: (t: T) => string) =>
        (a: T, b: T) =>
          key(a) < key(b) ? 1 : -1;
      return {
        patient: facts.patient,
        episodes: [...facts.episodes]
          .sort(byTime((e) => e.openedAt))
          .map((e) => ({ ...e, phase: phaseOf(e, facts).words })),
        appointments: appointmentViews(store, facts).sort(byTime((a) => a.startsAt)),
        measures: [...facts.measures]
          .sort(byTime((m) => m.recordedAt))
          .map((m) => ({ ...m, ...state(m.id, 1) })),
        tickets: [...facts.tickets]
          .sort(byTime((t) => t.raisedAt))
          .map((t) => ({ ...t, ...state(t.id, 1) })),
        notes: [...noteIds].map((noteId) => {
          const note = serverNotes.get(noteId) ?? null;
          const draft = drafts.get(noteId);
          return {
            noteId,
            note,
            hasDraft: draft !== undefined,
            hasConflict: store.noteDrafts
              .listConflictCopies(noteId)
              .some((c) => c.resolvedAt === null),
            kind: (note?.kind ?? draft?.kind ?? 'session_note') as 'session_note',
            appointmentId: note?.appointmentId ?? draft?.appointmentId ?? null,
            updatedAt: draft?.savedAt ?? note?.updatedAt ?? ctx.now().toISOString(),
          };
        }),
        emergencyContacts: store.records
          .listForPatient('emergencyContact', patientId)
          .map((r) => ({ ...r.data, ...state(r.id, r.version) }))
          // the contact that stands first; one the service refused after it, with its reason
          .sort((a, b) => Number(a.syncState === 'rejected') - Number(b.syncState === 'rejected')),
        deadlines: snap.deadlines.filter((d) => d.patientId === patientId),
        risk: riskOf(facts),
        outcome: outcome
          ? {
              status: outcome.status,
              label: outcomeLabel(outcome),
              attendedTreatmentSessions: outcome.treatmentSessionsAttended,
            }
          : outcomeProblem
            ? {
                status: 'unavailable',
                label: `Outcome not available: ${outcomeProblem}`,
                attendedTreatmentSessions: 0,
              }
            : null,
      };
    },
  };

  const deadlines: ClinicianHandlers['deadlines'] = {
    list: ({ patientId, includeDone }) => {
      const snap = cases.snapshot();
      return {
        deadlines: snap.deadlines.filter(
          (d) => (includeDone || d.state !== 'done') && (!patientId || d.patientId === patientId),
        ),
        asOf: new Date(snap.deadlinesAt).toISOString(),
      };
    },
  };

  return { caseload, patients, deadlines };
}

function outcomeLabel(o: ReturnType<typeof episodeOutcome>): string {
  if (o.status === 'not_finished_treatment')
    return `Not finished treatment (${o.treatmentSessionsAttended} attended treatment sessions)`;
  if (o.status === 'too_few_paired_scores') return 'Too few paired scores to judge change';
  if (o.reliablyRecovered) return 'Reliable recovery';
  if (o.recovered) return 'Recovered';
  if (o.reliablyDeteriorated) return 'Reliable deterioration';
  if (o.reliablyImproved) return 'Reliable improvement';
  return 'No reliable change';
}

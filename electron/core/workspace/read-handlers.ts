import type { Measure } from '../../../shared/api';
import type { ClinicianHandlers } from '../../../shared/ipc';
import { episodeOutcome, episodePhase } from '../../../shared/clinical';
import { caseloadStatusOf } from './therapist-caseload';
import type { CaseReader, PatientFacts } from './case-reader';
import { patientName, toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { syncStates, undeliveredMessages } from './local-writes';
import { appointmentViews } from './outcome-handlers';
import { urgentRiskView } from './urgent-risk-view';
import { RefusedError } from '../../../shared/ipc';

const latest = (measures: readonly Measure[], kind: Measure['kind']) =>
  measures.filter((m) => m.kind === kind).sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))[0];

/** The PHQ-9 item 9 flag (thoughts of self-harm) of the latest PHQ-9, when above 0. */
function riskOf(facts: PatientFacts) {
  const phq9 = latest(facts.measures, 'PHQ9');
  const item9 = phq9?.items?.[8] ?? 0;
  return phq9 && item9 > 0 ? { measuredAt: phq9.recordedAt, item9: Math.min(3, item9) } : null;
}

const openEpisode = (facts: PatientFacts) =>
  facts.episodes
    .filter((e) => e.closedAt === null)
    .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0] ??
  [...facts.episodes].sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0];

/** The episode's status as its appointments show it (an attended assessment means assessed). */
const phaseOf = (episode: PatientFacts['episodes'][number], facts: PatientFacts) =>
  episodePhase(
    episode.status,
    facts.appointments.filter((a) => a.episodeId === episode.id),
  );

export function readHandlers(ctx: WorkspaceContext, cases: CaseReader) {
  // The caseload view is rebuilt only when the cache (or its deadlines) moved on.
  let memo: {
    key: string;
    snapshot: object;
    value: ReturnType<ClinicianHandlers['caseload']['list']>;
  } | null = null;
  const caseload: ClinicianHandlers['caseload'] = {
    list: (request) => {
      const snap = cases.snapshot();
      const key = `${request.therapistId ?? ''}`;
      if (memo && memo.key === key && memo.snapshot === snap) return memo.value;
      const value = buildCaseload(request.therapistId, snap);
      memo = { key, snapshot: snap, value };
      return value;
    },
    therapists: () => therapists(),
  };

  function buildCaseload(
    therapistId: string | undefined,
    snap: ReturnType<CaseReader['snapshot']>,
  ) {
    const me = ctx.user();
    const nowIso = ctx.now().toISOString();
    const users = new Map(
      ctx
        .store()
        .records.list('user')
        .map((u) => [u.id, u.data]),
    );
    const wanted = therapistId ?? (me.role === 'supervisor' ? null : me.id);
    const undelivered = undeliveredMessages(ctx.store());
    const deadlinesByPatient = new Map<string, (typeof snap.deadlines)[number][]>();
    for (const d of snap.deadlines) {
      if (d.state === 'done') continue;
      const list = deadlinesByPatient.get(d.patientId) ?? [];
      list.push(d);
      deadlinesByPatient.set(d.patientId, list);
    }
    const entries = [...snap.byPatient.values()]
      .filter(
        ({ patient }) =>
          patient.status === 'active' && (wanted === null || patient.therapistId === wanted),
      )
      .map((facts) => {
        const { patient } = facts;
        const episode = openEpisode(facts);
        const open = deadlinesByPatient.get(patient.id) ?? [];
        const upcoming = facts.appointments
          .filter((a) => a.startsAt >= nowIso && a.outcome === null)
          .map((a) => a.startsAt)
          .sort();
        // Contact is what reached the patient: a reply still in the outbox has not.
        const contacts = [
          ...facts.messages
            .filter((m) => !undelivered.has(m.id))
            .map((m) => (m.direction === 'outbound' ? (m.writtenAt ?? m.sentAt) : m.sentAt)),
          ...facts.appointments.filter((a) => a.outcome === 'attended').map((a) => a.startsAt),
        ]
          .filter((t) => t <= nowIso)
          .sort();
        const lastOutbound =
          facts.messages
            .filter((m) => m.direction === 'outbound')
            .map((m) => m.sentAt)
            .sort()
            .at(-1) ?? '';
        return {
          patientId: patient.id,
          caseReference: patient.caseReference,
          name: patientName(patient),
          step: episode?.step ?? null,
          problemDescriptor: episode?.problemDescriptor ?? null,
          episodeStatus: episode ? phaseOf(episode, facts).words : null,
          therapistId: patient.therapistId,
          therapistName: users.get(patient.therapistId)?.displayName ?? null,
          nextAppointmentAt: upcoming[0] ?? null,
          lastContactAt: contacts.at(-1) ?? null,
          openDeadlines: open.length,
          overdueDeadlines: open.filter((d) => d.state === 'overdue').length,
          nextDueAt: open[0]?.dueAt ?? null,
          awaitingReply: facts.messages.filter(
            (m) => m.direction === 'inbound' && m.sentAt > lastOutbound,
          ).length,
          latestPhq9: latest(facts.measures, 'PHQ9')?.total ?? null,
          latestGad7: latest(facts.measures, 'GAD7')?.total ?? null,
          risk: riskOf(facts),
        };
      })
      .sort((a, b) => b.overdueDeadlines - a.overdueDeadlines || a.name.localeCompare(b.name));
    const profile = users.get(wanted ?? me.id);
    const warnings = profile
      ? (caseloadStatusOf(profile, entries.length, snap.config, nowIso)?.warnings ?? []).map(
          (w) => ({ code: w.code, message: w.message }),
        )
      : [];
    return { entries, warnings, asOf: nowIso };
  }

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

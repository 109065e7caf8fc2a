import type { Measure } from '../../../shared/api';
import type { CaseloadEntry, ClinicianHandlers } from '../../../shared/ipc';
import { episodePhase, scoreTrend, treatmentSessionsUsed } from '../../../shared/clinical';
import type { CaseReader, CaseSnapshot, PatientFacts } from './case-reader';
import { patientName, toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { undeliveredMessages } from './local-writes';
import { caseloadStatusOf } from './therapist-caseload';

type CaseloadList = Awaited<ReturnType<ClinicianHandlers['caseload']['list']>>;

const ofKind = (measures: readonly Measure[], kind: Measure['kind']) =>
  measures.filter((m) => m.kind === kind);

const latest = (measures: readonly Measure[], kind: Measure['kind']) =>
  ofKind(measures, kind).sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))[0];

/** The PHQ-9 item 9 flag (thoughts of self-harm) of the latest PHQ-9, when above 0. */
export function riskOf(facts: PatientFacts) {
  const phq9 = latest(facts.measures, 'PHQ9');
  const item9 = phq9?.items?.[8] ?? 0;
  return phq9 && item9 > 0 ? { measuredAt: phq9.recordedAt, item9: Math.min(3, item9) } : null;
}

export const openEpisode = (facts: PatientFacts) =>
  facts.episodes
    .filter((e) => e.closedAt === null)
    .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0] ??
  [...facts.episodes].sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0];

/** The episode's status as its appointments show it (an attended assessment means assessed). */
export const phaseOf = (episode: PatientFacts['episodes'][number], facts: PatientFacts) =>
  episodePhase(
    episode.status,
    facts.appointments.filter((a) => a.episodeId === episode.id),
  );

/**
 * The caseload table's rows, every fact of every row from one snapshot of the cache (the case
 * reader reads each kind of record once and groups it by patient: no query per patient).
 * The rules are shared/clinical's: sessions used and the extension state, score trends,
 * the caseload's size against the cap and minimum.
 */
export function caseloadQuery(ctx: WorkspaceContext, cases: CaseReader) {
  // Rebuilt only when the cache (or its deadlines) moved on.
  let memo: { key: string; snapshot: object; value: CaseloadList } | null = null;
  return (therapistId: string | undefined): CaseloadList => {
    const snap = cases.snapshot();
    const key = therapistId ?? '';
    if (memo && memo.key === key && memo.snapshot === snap) return memo.value;
    const value = buildCaseload(ctx, therapistId, snap);
    memo = { key, snapshot: snap, value };
    return value;
  };
}

function buildCaseload(
  ctx: WorkspaceContext,
  therapistId: string | undefined,
  snap: CaseSnapshot,
): CaseloadList {
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
    .map((facts): CaseloadEntry => {
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
        // Inside the therapist's leave a deadline reads "during your leave", not overdue (as on Today).
        overdueDeadlines: open.filter((d) => d.state === 'overdue' && !d.duringLeave).length,
        nextDueAt: open[0]?.dueAt ?? null,
        awaitingReply: facts.messages.filter(
          (m) => m.direction === 'inbound' && m.sentAt > lastOutbound,
        ).length,
        latestPhq9: latest(facts.measures, 'PHQ9')?.total ?? null,
        latestGad7: latest(facts.measures, 'GAD7')?.total ?? null,
        phq9Trend: scoreTrend(ofKind(facts.measures, 'PHQ9')),
        gad7Trend: scoreTrend(ofKind(facts.measures, 'GAD7')),
        sessions: episode && episode.closedAt === null ? sessionsOf(episode.id, facts, snap) : null,
        risk: riskOf(facts),
      };
    })
    .sort((a, b) => b.overdueDeadlines - a.overdueDeadlines || a.name.localeCompare(b.name));
  const profile = users.get(wanted ?? me.id);
  const status = profile ? caseloadStatusOf(profile, entries.length, snap.config, nowIso) : null;
  return {
    entries,
    warnings: (status?.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    size: status
      ? {
          patients: entries.length,
          cap: status.cap,
          minimum: status.minimum,
          allocationLimit: status.allocationLimit,
        }
      : null,
    asOf: nowIso,
  };
}

/** One patient's open episode against the session limit, in shared/clinical's terms. */
function sessionsOf(episodeId: string, facts: PatientFacts, snap: CaseSnapshot) {
  const clinical = toClinicalFacts({ ...facts, patients: [facts.patient] });
  const episode = clinical.episodes.find((e) => e.id === episodeId);
  return episode
    ? treatmentSessionsUsed(episode, clinical.appointments, clinical.tickets, snap.config)
    : null;
}

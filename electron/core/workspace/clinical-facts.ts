import type {
  Appointment as ApiAppointment,
  Episode as ApiEpisode,
  Measure as ApiMeasure,
  Message as ApiMessage,
  Note as ApiNote,
  Patient as ApiPatient,
  Ticket as ApiTicket,
} from '../../../shared/api';
import {
  type ClinicalFacts,
  type Episode,
  type EpisodeEndReason,
  type MeasureRecord,
} from '../../../shared/clinical';

/** Everything cached for a set of patients, in the wire shapes of shared/api. */
export interface CachedCaseFacts {
  readonly patients: readonly ApiPatient[];
  readonly episodes: readonly ApiEpisode[];
  readonly appointments: readonly ApiAppointment[];
  readonly messages: readonly ApiMessage[];
  readonly notes: readonly ApiNote[];
  readonly tickets: readonly ApiTicket[];
  readonly measures: readonly ApiMeasure[];
}

export const patientName = (p: Pick<ApiPatient, 'givenName' | 'familyName'>): string =>
  `${p.givenName} ${p.familyName}`;

const endReasons: Partial<Record<ApiEpisode['status'], EpisodeEndReason>> = {
  discharged_recovered: 'recovered_discharge',
  discharged_non_recovered: 'non_recovered_discharge',
  referred_back: 'refer_back_to_service',
  stepped_up: 'step_up',
  stepped_down: 'step_down',
};

function toEpisode(e: ApiEpisode): Episode {
  const endReason = endReasons[e.status];
  return {
    id: e.id,
    patientId: e.patientId,
    step: e.step,
    startedAt: e.openedAt,
    problemDescriptor: e.problemDescriptor,
    ...(endReason && e.closedAt ? { endedAt: e.closedAt, endReason } : {}),
  };
}

const measureIds: Partial<Record<ApiMeasure['kind'], 'phq9' | 'gad7' | 'wsas'>> = {
  PHQ9: 'phq9',
  GAD7: 'gad7',
  WSAS: 'wsas',
};

/**
 * The cache's records as shared/clinical facts, so deadlines, outcomes and pay are computed
 * the same way on every side. Where the wire model says less than the rules need, the
 * mapping decides, and says so: a cancellation keeps who cancelled (the rules check the 48
 * hours themselves); an older record without it counts as the patient's only when it was a
 * late cancellation; drafts do not complete a note; a reply still in the outbox (or refused)
 * is not delivered.
 */
export function toClinicalFacts(
  cached: CachedCaseFacts,
  undelivered: ReadonlyMap<string, 'queued' | 'refused'> = new Map(),
): ClinicalFacts {
  const appointmentEpisode = new Map(cached.appointments.map((a) => [a.id, a.episodeId]));
  const openEpisodeAt = (patientId: string, at: string): string | undefined => {
    const candidates = cached.episodes.filter((e) => e.patientId === patientId && e.openedAt <= at);
    return (candidates.find((e) => e.closedAt === null || e.closedAt >= at) ?? candidates.at(-1))
      ?.id;
  };
  const measures: MeasureRecord[] = [];
  for (const m of cached.measures) {
    // A score not linked to a session still raises a risk flag (and its ticket); it pairs with
    // no other score, so it never counts toward outcomes.
    const episodeId = m.appointmentId
      ? appointmentEpisode.get(m.appointmentId)
      : openEpisodeAt(m.patientId, m.recordedAt);
    if (!episodeId) continue;
    const base = {
      id: m.id,
      patientId: m.patientId,
      episodeId,
      appointmentId: m.appointmentId ?? `unlinked:${m.id}`,
      takenAt: m.recordedAt,
    };
    const kind = measureIds[m.kind];
    if (kind && m.items) measures.push({ ...base, measure: kind, items: m.items });
    else if (!kind)
      measures.push({ ...base, measure: 'adsm', adsmId: m.kind.toLowerCase(), total: m.total });
  }
  return {
    patients: cached.patients.map((p) => ({ id: p.id, name: patientName(p) })),
    episodes: cached.episodes.map(toEpisode),
    // A reply counts from when it was written (this device's own, until the server's record
    // arrives, carries that time as sentAt), and only once delivered.
    messages: cached.messages.map((m) => ({
      id: m.id,
      patientId: m.patientId,
      sender: m.direction === 'inbound' ? 'patient' : 'therapist',
      receivedAt: m.sentAt,
      ...(m.direction === 'outbound' && m.writtenAt ? { writtenAt: m.writtenAt } : {}),
      delivery: undelivered.get(m.id) ?? 'delivered',
    })),
    appointments: cached.appointments.map((a) => ({
      id: a.id,
      patientId: a.patientId,
      episodeId: a.episodeId,
      kind: a.kind,
      durationMinutes: a.durationMinutes,
      startsAt: a.startsAt,
      ...(a.outcome === 'attended' || a.outcome === 'dna' ? { outcome: a.outcome } : {}),
      ...(a.outcome === 'late_cancellation' || a.outcome === 'cancelled'
        ? {
            outcome: 'cancelled' as const,
            cancelledAt: a.cancelledAt ?? a.startsAt,
            // Who cancelled, as recorded; older records without it: a late cancellation was
            // the patient's by definition, a plain one is never counted as the patient's.
            cancelledBy:
              a.cancelledBy ??
              (a.outcome === 'late_cancellation' ? ('patient' as const) : ('service' as const)),
          }
        : {}),
    })),
    notes: cached.notes
      .filter((n) => n.status === 'submitted' && n.submittedAt !== null)
      .map((n) => ({
        id: n.id,
        patientId: n.patientId,
        kind: n.kind,
        ...(n.appointmentId ? { appointmentId: n.appointmentId } : {}),
        ...(n.kind === 'discharge_letter'
          ? { episodeId: openEpisodeAt(n.patientId, n.updatedAt) ?? '' }
          : {}),
        completedAt: n.submittedAt ?? n.updatedAt,
      })),
    tickets: cached.tickets.flatMap((t) => {
      const episodeId = openEpisodeAt(t.patientId, t.raisedAt);
      if (!episodeId) return [];
      const decision = t.decision
        ? {
            decision:
              t.decision.decision === 'approve'
                ? 'approved'
                : t.decision.decision === 'decline'
                  ? 'declined'
                  : 'advice',
            decidedAt: t.decision.at,
          }
        : {};
      return [
        {
          id: t.id,
          patientId: t.patientId,
          episodeId,
          kind: t.type,
          raisedAt: t.raisedAt,
          ...decision,
        } as ClinicalFacts['tickets'][number],
      ];
    }),
    reviews: [],
    measures,
  };
}

import {
  byTicketUrgency,
  caseReviewsFallingDue,
  episodeOutcome,
  extensionBlocksBookedSession,
  outcomesSummary,
  ticketUrgency,
} from '../../../shared/clinical';
import type {
  ClinicalFacts,
  ServiceConfig,
  TicketKind,
  TicketUrgency,
} from '../../../shared/clinical';
import { type ClinicianHandlers, RefusedError } from '../../../shared/ipc';
import type { CaseReader } from './case-reader';
import { patientName, toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { caseloadStatusOf } from './therapist-caseload';

const DAY_MS = 24 * 3_600_000;

function byEpisode<T extends { readonly episodeId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.episodeId);
    if (list) list.push(row);
    else map.set(row.episodeId, [row]);
  }
  return map;
}

/** Facts of some patients only (one supervisee's), from facts already mapped once. */
function factsOf(all: ClinicalFacts, patientIds: ReadonlySet<string>): ClinicalFacts {
  const mine = <T extends { patientId: string }>(rows: readonly T[]) =>
    rows.filter((r) => patientIds.has(r.patientId));
  return {
    patients: all.patients.filter((p) => patientIds.has(p.id)),
    episodes: mine(all.episodes),
    messages: mine(all.messages),
    appointments: mine(all.appointments),
    notes: mine(all.notes),
    tickets: mine(all.tickets),
    reviews: mine(all.reviews),
    measures: mine(all.measures),
  };
}

/** Each ticket's urgency (shared/clinical ticketUrgency) from the cached clinical facts. */
export function ticketUrgencies(
  clinical: ClinicalFacts,
  config: ServiceConfig,
  nowIso: string,
): (ticketId: string, type: TicketKind) => TicketUrgency {
  const episodes = new Map(clinical.episodes.map((e) => [e.id, e]));
  const episodeOfTicket = new Map(clinical.tickets.map((t) => [t.id, t.episodeId]));
  return (ticketId, type) => {
    if (type !== 'session_extension_request') return ticketUrgency(type, false);
    const episode = episodes.get(episodeOfTicket.get(ticketId) ?? '');
    return ticketUrgency(
      type,
      episode !== undefined &&
        extensionBlocksBookedSession(
          episode,
          clinical.appointments.filter((a) => a.episodeId === episode.id),
          clinical.tickets.filter((k) => k.episodeId === episode.id),
          config,
          nowIso,
        ),
    );
  };
}

/**
 * The supervisor's week on one screen, from the cached facts only (offline too): open
 * tickets by urgency, case reviews falling due, patients at risk or reliably deteriorating,
 * each supervisee's caseload against cap and minimum, and their outcomes over a period.
 * Every rule is shared/clinical's; this file only gathers facts per supervisee.
 */
export function supervisionHandlers(
  ctx: WorkspaceContext,
  cases: CaseReader,
): ClinicianHandlers['supervision'] {
  return {
    home: ({ periodDays, reviewWithinDays }) => {
      const me = ctx.user();
      if (me.role !== 'supervisor')
        throw new RefusedError('The supervision overview is for supervisors.');
      const snap = cases.snapshot();
      const now = ctx.now();
      const nowIso = now.toISOString();
      const config = snap.config;
      const clinical = toClinicalFacts(snap.facts);
      const users = new Map(
        ctx
          .store()
          .records.list('user')
          .map((u) => [u.id, u.data]),
      );
      const nameOf = (patientId: string): string => {
        const facts = snap.byPatient.get(patientId);
        return facts ? patientName(facts.patient) : 'Unknown patient';
      };

      const episodes = new Map(clinical.episodes.map((e) => [e.id, e]));
      // Each outcome reads its own episode's sessions and scores only (250 patients: one pass).
      const appointmentsOf = byEpisode(clinical.appointments);
      const measuresOf = byEpisode(clinical.measures);
      const urgencyOf = ticketUrgencies(clinical, config, nowIso);
      const tickets = byTicketUrgency(
        snap.facts.tickets
          .filter((t) => t.state === 'open')
          .map((t) => ({
            id: t.id,
            type: t.type,
            urgency: urgencyOf(t.id, t.type),
            body: t.body,
            raisedAt: t.raisedAt,
            patientId: t.patientId,
            patientName: nameOf(t.patientId),
            therapistId: t.therapistId,
            therapistName: users.get(t.therapistId)?.displayName ?? null,
          })),
      );

      const periodStartMs = now.getTime() - periodDays * DAY_MS;
      const supervisees = [...users.values()]
        .filter((u) => u.id !== me.id && u.role !== 'supervisor')
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((profile) => {
          const patients = [...snap.byPatient.values()].filter(
            (f) => f.patient.therapistId === profile.id,
          );
          const active = patients.filter((f) => f.patient.status === 'active');
          const ids = new Set(patients.map((f) => f.patient.id));
          const facts = factsOf(clinical, ids);
          const status = caseloadStatusOf(profile, active.length, config, nowIso);
          const outcomeOf = (episodeId: string) => {
            const episode = episodes.get(episodeId);
            if (!episode) return null;
            try {
              return episodeOutcome(
                episode,
                appointmentsOf.get(episodeId) ?? [],
                measuresOf.get(episodeId) ?? [],
                config,
              );
            } catch {
              return null; // a configuration gap (an ADSM without thresholds): no outcome
            }
          };
          const ended = facts.episodes.filter(
            (e) =>
              e.endedAt !== undefined &&
              Date.parse(e.endedAt) >= periodStartMs &&
              Date.parse(e.endedAt) <= now.getTime(),
          );
          const attention = active.flatMap((f) => {
            const phq9 = f.measures
              .filter((m) => m.kind === 'PHQ9')
              .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))[0];
            const riskFlag = (phq9?.items?.[8] ?? 0) > 0;
            const open = f.episodes.find((e) => e.closedAt === null);
            const reliableDeterioration =
              open !== undefined && outcomeOf(open.id)?.reliablyDeteriorated === true;
            return riskFlag || reliableDeterioration
              ? [
                  {
                    patientId: f.patient.id,
                    patientName: patientName(f.patient),
                    riskFlag,
                    reliableDeterioration,
                  },
                ]
              : [];
          });
          return {
            therapistId: profile.id,
            displayName: profile.displayName,
            step: profile.step,
            activePatients: active.length,
            caseload: {
              cap: status?.cap ?? null,
              minimum: status?.minimum ?? null,
              warnings: (status?.warnings ?? []).map((w) => w.message),
            },
            reviewsDue: caseReviewsFallingDue(facts, config, nowIso, reviewWithinDays * 24).map(
              (d) => ({ ...d, patientName: nameOf(d.patientId) }),
            ),
            attention,
            outcomes: outcomesSummary(
              ended.flatMap((e) => {
                const o = outcomeOf(e.id);
                return o ? [o] : [];
              }),
            ),
          };
        });
      return { asOf: nowIso, periodDays, tickets, supervisees };
    },
  };
}

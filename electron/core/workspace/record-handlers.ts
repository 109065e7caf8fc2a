import { randomUUID } from 'node:crypto';
import { mutationPayloads } from '../../../shared/api';
import {
  byTicketUrgency,
  CTSR_ITEM_COUNT,
  CtsrIncomplete,
  completeCtsrScores,
  statementCsv,
  statementOfHours,
} from '../../../shared/clinical';
import type { z } from 'zod';
import { type ClinicianHandlers, RefusedError, type TranscriptSummary } from '../../../shared/ipc';
import type { CaseReader } from './case-reader';
import type { OutboxEntry, TranscriptHeader } from '../store';
import { patientName, toClinicalFacts } from './clinical-facts';
import { ticketUrgencies } from './supervision-handlers';
import type { WorkspaceContext } from './context';
import { syncStates } from './local-writes';
import { searchHitOf } from './transcript-search';
import { writeInTransaction } from './write-handlers';

const OUTCOME_WORDS = {
  attended: 'attended',
  dna: 'DNA',
  late_cancellation: 'late cancellation',
} as const;

/** Lists, transcripts and the statement of hours: reads that page, plus supervisor writes. */
export function recordHandlers(ctx: WorkspaceContext, cases: CaseReader) {
  const nameOf = (patientId: string): string => {
    const facts = cases.snapshot().byPatient.get(patientId);
    return facts ? patientName(facts.patient) : 'Unknown patient';
  };
  const therapistName = (id: string): string | null =>
    ctx.store().records.get('user', id)?.data.displayName ?? null;

  const appointments: Pick<ClinicianHandlers['appointments'], 'upcoming'> = {
    upcoming: ({ from, to }) => {
      const store = ctx.store();
      const state = syncStates(store);
      return {
        // Coming appointments are the ones still to happen: a cancelled (or already
        // recorded) appointment is not coming.
        appointments: store.caseload
          .appointmentsBetween(new Date(from).toISOString(), new Date(to).toISOString())
          .filter((r) => r.data.outcome === null)
          .map((r) => ({
            ...r.data,
            patientName: nameOf(r.data.patientId),
            ...state(r.id, r.version),
          })),
      };
    },
  };

  const tickets: Pick<
    ClinicianHandlers['tickets'],
    'list' | 'unseenDecisions' | 'markDecisionsSeen'
  > = {
    // Only what the cache still holds: a notice of a ticket no longer here is not listed.
    unseenDecisions: () => {
      const store = ctx.store();
      const snap = cases.snapshot();
      // A therapist's device holds no supervisor profile: the name is on the assignment.
      const supervisorName = (id: string): string | null =>
        therapistName(id) ??
        store.records.list('supervisionAssignment').find((a) => a.data.supervisorId === id)?.data
          .supervisorName ??
        null;
      const decisions = store.decisionNotices.listUnseen(200).flatMap((notice) => {
        const ticket = store.records.get('ticket', notice.ticketId)?.data;
        const patient = snap.byPatient.get(notice.patientId)?.patient;
        if (!ticket?.decision || !patient) return [];
        return [
          {
            ticketId: ticket.id,
            patientId: ticket.patientId,
            caseReference: patient.caseReference,
            type: ticket.type,
            decision: ticket.decision.decision,
            reason: ticket.decision.comment,
            decidedAt: ticket.decision.at,
            decidedByName: supervisorName(ticket.decision.by),
          },
        ];
      });
      return { decisions };
    },
    markDecisionsSeen: ({ ticketIds }) => {
      const marked = ctx.store().decisionNotices.markSeen(ticketIds, ctx.now().toISOString());
      if (marked > 0) ctx.changed(['ticket'], null, false);
      return { marked };
    },
    list: ({ state: wanted }) => {
      const store = ctx.store();
      const state = syncStates(store);
      const snap = cases.snapshot();
      const urgencyOf = ticketUrgencies(
        toClinicalFacts(snap.facts),
        snap.config,
        ctx.now().toISOString(),
      );
      // This device's refused decisions, by ticket: kept beside the stored decision.
      const refused = new Map<string, OutboxEntry>();
      for (const entry of store.outbox.listRejected())
        if (entry.kind === 'ticket.decide' && entry.subjectId) refused.set(entry.subjectId, entry);
      const refusedDecision = (ticketId: string) => {
        const entry = refused.get(ticketId);
        const payload = mutationPayloads['ticket.decide'].safeParse(entry?.payload);
        return entry && payload.success
          ? {
              decision: payload.data.decision,
              comment: payload.data.comment,
              at: entry.createdAt,
              reason: entry.rejectReason ?? 'Refused by the service.',
            }
          : null;
      };
      const rows = [...snap.byPatient.values()].flatMap((f) => f.tickets);
      const records = rows
        .map((t) => store.records.get('ticket', t.id))
        .filter((r) => r !== undefined)
        // A decision of this device that met another one needs the person: listed as open.
        .filter((r) => wanted === 'all' || r.data.state === 'open' || refused.has(r.id))
        .map((r) => ({
          ...r.data,
          patientName: nameOf(r.data.patientId),
          therapistName: therapistName(r.data.therapistId),
          decidedByName: r.data.decision ? therapistName(r.data.decision.by) : null,
          urgency: urgencyOf(r.id, r.data.type),
          refusedDecision: refusedDecision(r.id),
          ...state(r.id, r.version),
        }));
      // Decisions of this device that met another first, then open tickets most urgent
      // first, then decided ones, newest first.
      const newestFirst = (a: { raisedAt: string }, b: { raisedAt: string }) =>
        a.raisedAt < b.raisedAt ? 1 : -1;
      const conflicts = records.filter((t) => t.refusedDecision !== null).sort(newestFirst);
      const rest = records.filter((t) => t.refusedDecision === null);
      const decided = rest.filter((t) => t.state !== 'open').sort(newestFirst);
      return {
        tickets: [
          ...conflicts,
          ...byTicketUrgency(rest.filter((t) => t.state === 'open')),
          ...decided,
        ],
      };
    },
  };

  const requireSupervisor = (): void => {
    if (ctx.user().role !== 'supervisor')
      throw new RefusedError('Only a supervisor rates sessions on the CTS-R.');
  };
  const ctsrDraftView = (transcriptId: string) => {
    if (ctx.user().role !== 'supervisor') return null;
    const draft = ctx.store().ctsrDrafts.get(transcriptId);
    if (!draft || draft.items.length !== CTSR_ITEM_COUNT) return null;
    return {
      transcriptId,
      items: [...draft.items],
      itemNotes: [...draft.itemNotes],
      comment: draft.comment,
      savedAt: draft.savedAt,
    };
  };

  /** What the transcript list and the reader say about a session (one patient's records). */
  const reviewFacts = (patientId: string) => {
    const store = ctx.store();
    const rated = new Set(
      store.records.listForPatient('ctsrRating', patientId).map((r) => r.data.transcriptId),
    );
    const comments = new Map<string, number>();
    for (const c of store.records.listForPatient('utteranceComment', patientId))
      comments.set(c.data.transcriptId, (comments.get(c.data.transcriptId) ?? 0) + 1);
    const lengths = new Map(
      (cases.snapshot().byPatient.get(patientId)?.appointments ?? []).map((a) => [
        a.id,
        a.durationMinutes,
      ]),
    );
    return { rated, comments, lengths };
  };
  const summaryFrom = (
    header: TranscriptHeader,
    facts: ReturnType<typeof reviewFacts>,
  ): z.output<typeof TranscriptSummary> => ({
    id: header.id,
    patientId: header.patientId,
    patientName: nameOf(header.patientId),
    appointmentId: header.appointmentId,
    therapistId: header.therapistId,
    startedAt: header.startedAt,
    utteranceCount: header.utteranceCount,
    therapistName: therapistName(header.therapistId),
    durationMinutes: facts.lengths.get(header.appointmentId) ?? null,
    reviewed: facts.rated.has(header.id),
    commentCount: facts.comments.get(header.id) ?? 0,
  });
  const summaryOf = (id: string) => {
    const header = ctx.store().transcripts.get(id);
    if (!header)
      throw new RefusedError(
        'This transcript is not on this device yet (transcripts arrive after the caseload).',
      );
    return summaryFrom(header, reviewFacts(header.patientId));
  };

  const transcripts: ClinicianHandlers['transcripts'] = {
    list: ({ patientId, therapistId, reviewed, patientName: nameLike, offset, limit }) => {
      const store = ctx.store();
      const snap = cases.snapshot();
      const wantedName = nameLike?.toLocaleLowerCase() ?? '';
      const patients = (patientId ? [patientId] : [...snap.byPatient.keys()]).filter(
        (id) => wantedName === '' || nameOf(id).toLocaleLowerCase().includes(wantedName),
      );
      const all = patients
        .flatMap((id) => {
          const facts = reviewFacts(id);
          return store.transcripts
            .listForPatient(id)
            .filter((h) => !therapistId || h.therapistId === therapistId)
            .map((h) => summaryFrom(h, facts));
        })
        .filter((t) => reviewed === 'all' || t.reviewed === (reviewed === 'reviewed'))
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
      return {
        transcripts: all.slice(offset, offset + limit),
        total: all.length,
        stillSyncing: store.cursors.get('transcripts') === null,
      };
    },
    page: ({ transcriptId, afterSeq, limit }) => {
      const store = ctx.store();
      const transcript = summaryOf(transcriptId);
      if (afterSeq < 0) ctx.audit('open_transcript', transcript.patientId, transcriptId);
      const state = syncStates(store);
      const rows = store.transcripts.utterancePage(transcriptId, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      const ids = new Set(page.map((u) => u.id));
      const comments = store.records
        .listForPatient('utteranceComment', transcript.patientId)
        .filter((c) => c.data.transcriptId === transcriptId && ids.has(c.data.utteranceId));
      return {
        transcript,
        utterances: page.map((u) => ({
          id: u.id,
          seq: u.seq,
          speaker: u.speaker,
          text: u.text,
          sentAt: u.sentAt,
          comments: comments
            .filter((c) => c.data.utteranceId === u.id)
            .map((c) => ({ ...c.data, ...state(c.id, c.version) })),
        })),
        nextAfterSeq: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
        ratings: store.records
          .listForPatient('ctsrRating', transcript.patientId)
          .filter((r) => r.data.transcriptId === transcriptId)
          .map((r) => ({ ...r.data, ...state(r.id, r.version) })),
        ctsrDraft: ctsrDraftView(transcriptId),
        competenceThreshold: cases.snapshot().config.supervision.ctsrCompetenceThreshold,
      };
    },
    search: ({ text, limit }) => ({
      hits: ctx
        .store()
        .transcripts.search(text, limit)
        .map((h) => searchHitOf(h, text, nameOf(h.patientId))),
    }),
    comment: ({ transcriptId, utteranceId, body }) => {
      const transcript = summaryOf(transcriptId);
      const commentId = randomUUID();
      const data = {
        id: commentId,
        transcriptId,
        utteranceId,
        patientId: transcript.patientId,
        authorId: ctx.user().id,
        body,
        createdAt: ctx.now().toISOString(),
      };
      writeInTransaction(
        ctx,
        'utterance.comment',
        { commentId, transcriptId, utteranceId, body },
        () =>
          ctx.store().records.put('utteranceComment', {
            id: commentId,
            version: null,
            scope: { kind: 'patient', id: transcript.patientId },
            data,
          }),
      );
      ctx.changed(['utteranceComment'], [transcript.patientId], true);
      return { ...data, syncState: 'pending' as const, rejectedReason: null };
    },
    rate: ({ transcriptId, items: typed, itemNotes, comment }) => {
      requireSupervisor();
      const transcript = summaryOf(transcriptId);
      let items: number[];
      try {
        items = completeCtsrScores(typed);
      } catch (error) {
        if (error instanceof CtsrIncomplete) throw new RefusedError(error.message);
        throw error;
      }
      const ratingId = randomUUID();
      const total = items.reduce((sum, item) => sum + item, 0);
      const data = {
        id: ratingId,
        transcriptId,
        patientId: transcript.patientId,
        raterId: ctx.user().id,
        items,
        itemNotes,
        total,
        comment,
        createdAt: ctx.now().toISOString(),
      };
      const store = ctx.store();
      writeInTransaction(
        ctx,
        'ctsr.rate',
        { ratingId, transcriptId, items, itemNotes, comment },
        () => {
          store.records.put('ctsrRating', {
            id: ratingId,
            version: null,
            scope: { kind: 'patient', id: transcript.patientId },
            data,
          });
          // Submitted: the draft has become the rating, in the same transaction.
          store.ctsrDrafts.discard(transcriptId);
        },
      );
      ctx.changed(['ctsrRating'], [transcript.patientId], true);
      return { ...data, syncState: 'pending' as const, rejectedReason: null };
    },
    saveCtsrDraft: ({ transcriptId, items, itemNotes, comment }) => {
      requireSupervisor();
      const transcript = summaryOf(transcriptId);
      const draft = {
        transcriptId,
        patientId: transcript.patientId,
        items,
        itemNotes,
        comment,
        savedAt: ctx.now().toISOString(),
      };
      ctx.store().ctsrDrafts.save(draft);
      return { transcriptId, items, itemNotes, comment, savedAt: draft.savedAt };
    },
    ratingHistory: ({ therapistId }) => {
      const store = ctx.store();
      const me = ctx.user();
      // A therapist sees the ratings of their own sessions; a supervisor, a supervisee's.
      const whose = me.role === 'supervisor' ? (therapistId ?? null) : me.id;
      const state = syncStates(store);
      const snap = cases.snapshot();
      const ratings = [...snap.byPatient.keys()]
        .flatMap((patientId) => store.records.listForPatient('ctsrRating', patientId))
        .flatMap((r) => {
          const header = store.transcripts.get(r.data.transcriptId);
          if (!header || (whose !== null && header.therapistId !== whose)) return [];
          return [
            {
              ...r.data,
              ...state(r.id, r.version),
              patientName: nameOf(r.data.patientId),
              sessionStartedAt: header.startedAt,
              raterName: therapistName(r.data.raterId),
            },
          ];
        })
        .sort((a, b) => (a.sessionStartedAt < b.sessionStartedAt ? -1 : 1));
      return { ratings, competenceThreshold: snap.config.supervision.ctsrCompetenceThreshold };
    },
  };

  const hours: ClinicianHandlers['hours'] = {
    statement: ({ year, month }) => {
      const snap = cases.snapshot();
      const me = ctx.user().id;
      const own = [...snap.byPatient.values()].filter((f) => f.patient.therapistId === me);
      const clinical = toClinicalFacts({
        patients: own.map((f) => f.patient),
        episodes: own.flatMap((f) => f.episodes),
        appointments: own.flatMap((f) => f.appointments).filter((a) => a.therapistId === me),
        messages: [],
        notes: [],
        tickets: [],
        measures: [],
      });
      const statement = statementOfHours(
        clinical.episodes,
        clinical.appointments,
        year,
        month,
        snap.config,
      );
      const patientOfAppointment = new Map(clinical.appointments.map((a) => [a.id, a.patientId]));
      return {
        month: statement.month,
        lines: statement.lines.map((line) => ({
          appointmentId: line.appointmentId,
          patientName: nameOf(patientOfAppointment.get(line.appointmentId) ?? line.patientId),
          startsAt: line.startsAt,
          description: `Step ${line.step} ${line.durationMinutes}-minute ${line.kind} — ${OUTCOME_WORDS[line.outcome]}`,
          paidAs: line.paidAs,
          totalPence: line.totalPence,
        })),
        basePence: statement.basePence,
        holidayPence: statement.holidayPence,
        totalPence: statement.totalPence,
        csv: statementCsv(
          statement,
          (patientId) => snap.byPatient.get(patientId)?.patient.caseReference ?? 'unknown case',
        ),
      };
    },
    // The file leaves the app with case references in it: the export is audited (who, when,
    // from which country), like opening a record.
    exported: () => {
      ctx.audit('export', null, null);
      return { ok: true as const };
    },
  };

  return { appointments, tickets, transcripts, hours };
}

import type { Appointment, Episode, Note } from './facts';
import type { Deadline, DeadlineContext } from './deadline';
import { earliest, emitDeadline, patientName, when } from './deadline';
import { isOpenEpisode } from './deadlines-contact';
import { hoursToMillis, instantToMillis } from './time';

/** Earliest completion of each note kind, by the appointment or episode it belongs to. */
function completions(notes: readonly Note[], kind: Note['kind']): Map<string, number> {
  const done = new Map<string, number>();
  for (const note of notes) {
    const subject = kind === 'discharge_letter' ? note.episodeId : note.appointmentId;
    if (note.kind !== kind || subject === undefined) continue;
    const ms = instantToMillis(note.completedAt);
    done.set(subject, earliest([ms, done.get(subject) ?? ms]) as number);
  }
  return done;
}

const DISCHARGES: ReadonlySet<Episode['endReason']> = new Set([
  'recovered_discharge',
  'non_recovered_discharge',
]);

/**
 * Clinical notes are due `clinicalNoteHours` after the appointment ends (a note cannot be
 * written before it has taken place): a session note for every attended or DNA appointment
 * (a DNA is recorded too), an assessment letter after an attended assessment, and a
 * discharge letter after a discharge (the event it follows is the episode's end).
 */
export function clinicalNoteDeadlines(
  episodes: readonly Episode[],
  appointments: readonly Appointment[],
  notes: readonly Note[],
  ctx: DeadlineContext,
): Deadline[] {
  const window = hoursToMillis(ctx.config.deadlines.clinicalNoteHours);
  const sessionNotes = completions(notes, 'session_note');
  const assessmentLetters = completions(notes, 'assessment_letter');
  const dischargeLetters = completions(notes, 'discharge_letter');
  const deadlines: Deadline[] = [];
  for (const a of appointments) {
    if (a.outcome !== 'attended' && a.outcome !== 'dna') continue;
    const startMs = instantToMillis(a.startsAt);
    const endMs = startMs + a.durationMinutes * 60_000;
    const name = patientName(ctx, a.patientId);
    const session = a.outcome === 'dna' ? `missed ${a.kind}` : a.kind;
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'clinical_note',
        subjectId: a.id,
        patientId: a.patientId,
        triggeredAtMs: endMs,
        dueAtMs: endMs + window,
        completedAtMs: sessionNotes.get(a.id),
        action: () => `Write the note for ${name}'s ${session} on ${when(ctx, startMs)}`,
      }),
    );
    if (a.kind === 'assessment' && a.outcome === 'attended') {
      deadlines.push(
        ...emitDeadline(ctx, {
          kind: 'assessment_letter',
          subjectId: a.id,
          patientId: a.patientId,
          triggeredAtMs: endMs,
          dueAtMs: endMs + window,
          completedAtMs: assessmentLetters.get(a.id),
          action: () => `Write the assessment letter for ${name} (assessed ${when(ctx, startMs)})`,
        }),
      );
    }
  }
  for (const episode of episodes) {
    if (isOpenEpisode(episode, ctx.nowMs) || !DISCHARGES.has(episode.endReason)) continue;
    const endedMs = instantToMillis(episode.endedAt as string);
    deadlines.push(
      ...emitDeadline(ctx, {
        kind: 'discharge_letter',
        subjectId: episode.id,
        patientId: episode.patientId,
        triggeredAtMs: endedMs,
        dueAtMs: endedMs + window,
        completedAtMs: dischargeLetters.get(episode.id),
        action: () =>
          `Write the discharge letter for ${patientName(ctx, episode.patientId)} (discharged ${when(ctx, endedMs)})`,
      }),
    );
  }
  return deadlines;
}

import { describe, expect, it } from 'vitest';
import { type NoteAppointment, noteMayBeStarted } from '../../../shared/clinical';

const NOW = '2026-03-19T12:00:00.000Z';
const at = (startsAt: string, over: Partial<NoteAppointment> = {}): NoteAppointment => ({
  kind: 'treatment',
  startsAt,
  durationMinutes: 45,
  outcome: 'attended',
  ...over,
});

describe('noteMayBeStarted: a note follows the event it records', () => {
  it.each<[string, Parameters<typeof noteMayBeStarted>[0], NoteAppointment | null, string | null]>([
    [
      'a session note after the session ended',
      'session_note',
      at('2026-03-19T11:15:00.000Z'),
      null,
    ],
    [
      'a session note while the session is still on',
      'session_note',
      at('2026-03-19T11:30:00.000Z', { outcome: null }),
      'This session has not taken place yet: its note can be written once it has ended.',
    ],
    [
      'a session note for next week',
      'session_note',
      at('2026-03-26T10:00:00.000Z', { outcome: null }),
      'This session has not taken place yet: its note can be written once it has ended.',
    ],
    [
      'a note for a DNA (it is recorded too)',
      'session_note',
      at('2026-03-19T09:00:00.000Z', { outcome: 'dna' }),
      null,
    ],
    [
      'a note for a cancelled session',
      'session_note',
      at('2026-03-19T09:00:00.000Z', { outcome: 'late_cancellation' }),
      'This session was cancelled: there is no session to write up.',
    ],
    [
      'a cancelled one too',
      'session_note',
      at('2026-03-19T09:00:00.000Z', { outcome: 'cancelled' }),
      'This session was cancelled: there is no session to write up.',
    ],
    ['a note linked to no session', 'session_note', null, null],
    [
      'an assessment letter after the assessment',
      'assessment_letter',
      at('2026-03-19T10:00:00.000Z', { kind: 'assessment', durationMinutes: 60, outcome: null }),
      null,
    ],
    [
      'an assessment letter for a treatment session',
      'assessment_letter',
      at('2026-03-19T10:00:00.000Z'),
      'An assessment letter follows an assessment, not a treatment session.',
    ],
    [
      'an assessment letter for a missed assessment',
      'assessment_letter',
      at('2026-03-19T10:00:00.000Z', { kind: 'assessment', outcome: 'dna' }),
      'The patient did not attend this assessment: there is no assessment letter to write.',
    ],
    [
      'a discharge letter, whatever the session',
      'discharge_letter',
      at('2026-03-26T10:00:00.000Z'),
      null,
    ],
  ])('%s', (_label, kind, appointment, reason) => {
    expect(noteMayBeStarted(kind, appointment, NOW)).toEqual(
      reason === null ? { ok: true } : { ok: false, reason },
    );
  });
});

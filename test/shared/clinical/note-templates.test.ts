import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTE_TEMPLATES,
  defaultServiceConfig,
  fillNoteTemplate,
  NOTE_TEMPLATE_IDS,
  noteTemplateId,
  serviceConfigFromWire,
  type WireServiceConfig,
} from '../../../shared/clinical';

/** Issue 13 item 9: which template a note starts from, and where its text comes from. */
describe('noteTemplateId', () => {
  it.each([
    ['session_note', 'assessment', 'assessment'],
    ['session_note', 'treatment', 'treatmentSession'],
    ['session_note', null, 'treatmentSession'],
    ['assessment_letter', 'assessment', 'assessmentLetter'],
    ['assessment_letter', null, 'assessmentLetter'],
    ['discharge_letter', 'treatment', 'dischargeLetter'],
    ['discharge_letter', null, 'dischargeLetter'],
  ] as const)('a %s of a %s session starts from %s', (kind, appointment, id) => {
    expect(noteTemplateId(kind, appointment)).toBe(id);
  });
});

describe('fillNoteTemplate', () => {
  it('names the patient and the session wherever the template asks', () => {
    expect(
      fillNoteTemplate('{patient}, {session}. Re: {patient}', {
        patient: 'Ada Example',
        session: 'Tuesday 3 March 2026',
      }),
    ).toBe('Ada Example, Tuesday 3 March 2026. Re: Ada Example');
  });
  it('leaves the date for the therapist when the note names no session', () => {
    expect(fillNoteTemplate('On {session}.', { patient: 'A', session: null })).toBe('On [date].');
  });
  it('every default template names the patient and has headings to write under', () => {
    for (const id of NOTE_TEMPLATE_IDS) {
      expect(DEFAULT_NOTE_TEMPLATES[id]).toContain('{patient}');
      expect(DEFAULT_NOTE_TEMPLATES[id].split('\n').some((l) => /^[A-Z].*:$/.test(l))).toBe(true);
    }
  });
});

describe('templates from the service configuration', () => {
  const wire: WireServiceConfig = {
    deadlines: {
      messageReplyHours: 48,
      contactGapDays: 7,
      clinicalNoteHours: 48,
      caseReviewWeeks: 4,
      lateCancellationHours: 48,
      step2TreatmentSessionsBeforeExtension: 4,
    },
    caseloadCaps: {
      newPwpCap: 15,
      newPwpCapWeeks: 2,
      pwpMinimumCaseload: 15,
      step3ValidationCap: 10,
      step3ValidationMinimum: 5,
    },
    payRates: [],
    paidMissedSessionsPerEpisode: 2,
    adsmThresholds: {},
  };
  it('a server that configures none: the defaults', () => {
    expect(serviceConfigFromWire(wire).noteTemplates).toEqual(DEFAULT_NOTE_TEMPLATES);
    expect(defaultServiceConfig.noteTemplates).toEqual(DEFAULT_NOTE_TEMPLATES);
  });
  it('each configured template replaces its default; the others stay', () => {
    const config = serviceConfigFromWire({
      ...wire,
      noteTemplates: { dischargeLetter: 'Our own discharge letter for {patient}.' },
    });
    expect(config.noteTemplates.dischargeLetter).toBe('Our own discharge letter for {patient}.');
    expect(config.noteTemplates.treatmentSession).toBe(DEFAULT_NOTE_TEMPLATES.treatmentSession);
    expect(config.noteTemplates.assessment).toBe(DEFAULT_NOTE_TEMPLATES.assessment);
  });
});

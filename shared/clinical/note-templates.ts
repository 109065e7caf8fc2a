/**
 * Templates for notes and letters (issue 13 item 9): the service configures them
 * (`noteTemplates` in its configuration); where it configures none, these defaults apply.
 * A template only ever fills an empty note, and only when the therapist asks: it is a
 * starting structure, never text put in a record behind their back.
 */
export const NOTE_TEMPLATE_IDS = [
  'assessment',
  'treatmentSession',
  'assessmentLetter',
  'dischargeLetter',
] as const;
export type NoteTemplateId = (typeof NOTE_TEMPLATE_IDS)[number];
export type NoteTemplates = Readonly<Record<NoteTemplateId, string>>;

/** What the editor calls each template ("Start from the treatment session template"). */
export const NOTE_TEMPLATE_NAMES: Readonly<Record<NoteTemplateId, string>> = {
  assessment: 'assessment session',
  treatmentSession: 'treatment session',
  assessmentLetter: 'assessment letter',
  dischargeLetter: 'discharge letter',
};

/**
 * The defaults. `{patient}` and `{session}` are filled with the patient's name and the
 * session's UK date; anything in [square brackets] is for the therapist to complete.
 */
export const DEFAULT_NOTE_TEMPLATES: NoteTemplates = {
  assessment: [
    'Assessment of {patient}, {session}.',
    '',
    'Presenting problem:',
    'Onset, duration and what keeps it going:',
    'Risk (thoughts of self-harm or suicide, plans, protective factors, safety plan):',
    'Measures today (PHQ-9, GAD-7, ADSM/WSAS):',
    'Problem descriptor and step of care:',
    'Goals agreed:',
    'Plan and next contact:',
  ].join('\n'),
  treatmentSession: [
    'Treatment session with {patient}, {session}.',
    '',
    'Agenda agreed:',
    'Review of homework:',
    'Measures today and change since last session:',
    'Risk (any change since last session):',
    'Intervention and what was covered:',
    'Homework agreed:',
    'Plan for the next session:',
  ].join('\n'),
  assessmentLetter: [
    'Dear [GP name],',
    '',
    'Re: {patient}',
    '',
    'I assessed {patient} on {session} for typed online CBT.',
    '',
    'Presenting problem:',
    'Risk:',
    'Measures at assessment (PHQ-9, GAD-7, ADSM/WSAS):',
    'Outcome of the assessment and plan:',
    '',
    'Yours sincerely,',
  ].join('\n'),
  dischargeLetter: [
    'Dear [GP name],',
    '',
    'Re: {patient}',
    '',
    '{patient} has been discharged from typed online CBT.',
    '',
    'Sessions attended:',
    'Measures at first and last session (PHQ-9, GAD-7, ADSM/WSAS):',
    'Outcome (recovery, reliable improvement):',
    'Relapse prevention plan:',
    'Risk at discharge:',
    'Recommendations:',
    '',
    'Yours sincerely,',
  ].join('\n'),
};

export type NoteKindForTemplate = 'session_note' | 'assessment_letter' | 'discharge_letter';

/**
 * Which template a note starts from: a session note follows its session's kind (a note of
 * an assessment, or of a treatment session — also when it names no session); letters have
 * their own.
 */
export function noteTemplateId(
  kind: NoteKindForTemplate,
  appointmentKind: 'assessment' | 'treatment' | null,
): NoteTemplateId {
  switch (kind) {
    case 'assessment_letter':
      return 'assessmentLetter';
    case 'discharge_letter':
      return 'dischargeLetter';
    case 'session_note':
      return appointmentKind === 'assessment' ? 'assessment' : 'treatmentSession';
  }
}

/**
 * The template's text with `{patient}` and `{session}` filled in; a note naming no session
 * leaves "[date]" for the therapist.
 */
export function fillNoteTemplate(
  body: string,
  facts: { patient: string; session: string | null },
): string {
  return body
    .replaceAll('{patient}', facts.patient)
    .replaceAll('{session}', facts.session ?? '[date]');
}

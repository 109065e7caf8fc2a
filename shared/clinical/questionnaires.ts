import type { Instant } from './time';
import { instantToMillis, localDate } from './time';

/**
 * The questionnaires the therapist types in, with their items' wording and answer scales,
 * so the form shows what each item asks (never "Item 1…9"). PHQ-9 and GAD-7 (Pfizer, free to
 * use) and the WSAS (Mundt et al. 2002), as IAPT/NHS Talking Therapies services give them.
 */
export interface Questionnaire {
  readonly kind: 'PHQ9' | 'GAD7' | 'WSAS';
  readonly name: string;
  /** The question the items answer. */
  readonly stem: string;
  readonly items: readonly string[];
  /** Answers by score; a score without a label is a point between its neighbours. */
  readonly answers: readonly { readonly score: number; readonly label: string }[];
}

const FREQUENCY = [
  { score: 0, label: 'Not at all' },
  { score: 1, label: 'Several days' },
  { score: 2, label: 'More than half the days' },
  { score: 3, label: 'Nearly every day' },
];

export const QUESTIONNAIRES: Readonly<Record<Questionnaire['kind'], Questionnaire>> = {
  PHQ9: {
    kind: 'PHQ9',
    name: 'PHQ-9 (depression)',
    stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    items: [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ],
    answers: FREQUENCY,
  },
  GAD7: {
    kind: 'GAD7',
    name: 'GAD-7 (anxiety)',
    stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    items: [
      'Feeling nervous, anxious or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid as if something awful might happen',
    ],
    answers: FREQUENCY,
  },
  WSAS: {
    kind: 'WSAS',
    name: 'WSAS (work and social adjustment)',
    stem: 'Because of my problem…',
    items: [
      'my ability to work is impaired (0 if not working for a reason unrelated to the problem)',
      'my home management (cleaning, tidying, shopping, cooking, looking after home or children, paying bills) is impaired',
      'my social leisure activities (with other people, e.g. parties, outings, visits, dating, home entertaining) are impaired',
      'my private leisure activities (done alone, e.g. reading, gardening, sewing, walking alone) are impaired',
      'my ability to form and maintain close relationships with others, including those I live with, is impaired',
    ],
    answers: [
      { score: 0, label: 'Not at all' },
      { score: 1, label: '' },
      { score: 2, label: 'Slightly' },
      { score: 3, label: '' },
      { score: 4, label: 'Definitely' },
      { score: 5, label: '' },
      { score: 6, label: 'Markedly' },
      { score: 7, label: '' },
      { score: 8, label: 'Very severely' },
    ],
  },
};

/** A session a questionnaire may be linked to, as far as the rule needs it. */
export interface MeasureSession {
  readonly id: string;
  readonly startsAt: Instant;
  readonly outcome: 'attended' | 'dna' | 'late_cancellation' | 'cancelled' | null;
}

export type SessionLink = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Scores are filed against the session they were taken for: one that has started (a score
 * cannot come from a session still to happen) and that the patient did not miss.
 */
export function measureSessionRule(session: MeasureSession, now: Instant): SessionLink {
  if (instantToMillis(session.startsAt) > instantToMillis(now)) {
    return {
      ok: false,
      reason: 'That session has not started yet: scores belong to a session that has taken place.',
    };
  }
  if (session.outcome !== null && session.outcome !== 'attended') {
    return {
      ok: false,
      reason: 'The patient did not attend that session: its scores cannot be filed against it.',
    };
  }
  return { ok: true };
}

/**
 * The session to offer first for scores taken now: today's (UK date) session the scores may
 * be linked to, the latest that has started; none when there is no session today (the
 * therapist then chooses explicitly — never the newest attended session by default).
 */
export function todaysSession<S extends MeasureSession>(
  sessions: readonly S[],
  now: Instant,
): S | null {
  const today = localDate(now);
  return (
    sessions
      .filter((s) => localDate(s.startsAt) === today && measureSessionRule(s, now).ok)
      .sort((a, b) => instantToMillis(b.startsAt) - instantToMillis(a.startsAt))[0] ?? null
  );
}

import { Prng } from './prng';
import {
  AGENDA,
  EXPLORE,
  ASSESSMENT,
  ASSESSMENT_APPROACH,
  FIRST_HOMEWORK,
  FORMULATION,
  HOMEWORK_REVIEW,
  HOMEWORK_SETTING,
  type Move,
  PARTS,
  REFLECT,
  RELAPSE_PREVENTION,
  SET_HOMEWORK,
  SUMMARY,
  TECHNIQUES,
  type Technique,
} from './session-moves';
import {
  ACTIVITIES,
  DAYTIMES,
  KINDS_OF,
  PROBLEM_BANKS,
  type ProblemKind,
  RELATIONS,
  type TypingStyle,
} from './story-vocabulary';
import { GIVEN_NAMES } from './vocabulary';

/**
 * What one patient's sessions keep coming back to — their situations, thoughts, feelings,
 * people, what they do to feel safe, their goals — drawn once from their problem descriptor's
 * banks, so their sessions hang together and differ from another patient's. It carries the
 * homework set in one session to the next one's review, and its own PRNG: the words of the
 * transcripts are drawn apart from the seed's ids and times.
 */
export interface PatientStory {
  readonly rng: Prng;
  readonly name: string;
  readonly descriptor: string;
  readonly kinds: readonly ProblemKind[];
  readonly lay: string;
  readonly onset: string;
  readonly situations: readonly string[];
  readonly thoughts: readonly string[];
  readonly feelings: readonly string[];
  readonly body: readonly string[];
  readonly safety: readonly string[];
  readonly goals: readonly string[];
  readonly activities: readonly string[];
  readonly daytime: string;
  readonly people: readonly { full: string; name: string }[];
  readonly style: TypingStyle;
  /** The patient's own words for common ones ("Yeah", "I reckon", "a little"). */
  readonly voice: Readonly<Record<string, string>>;
  /** The homework set at the last session (what the next one reviews). */
  homework: string;
  /** Treatment sessions held so far. */
  treatments: number;
}

// GIVEN_NAMES lists the women's names first, up to 'Eilidh'.
const WOMEN = GIVEN_NAMES.slice(0, GIVEN_NAMES.indexOf('Eilidh') + 1);
const NAMES_FOR: Record<'woman' | 'man' | 'anyone', readonly string[]> = {
  woman: WOMEN,
  man: GIVEN_NAMES.slice(WOMEN.length),
  anyone: GIVEN_NAMES,
};

const some = <T>(rng: Prng, items: readonly T[], n: number): T[] => rng.shuffle(items).slice(0, n);

export const storyFor = (
  seed: number,
  patient: { givenName: string; problem: string },
): PatientStory => {
  const rng = new Prng(seed);
  const kinds = KINDS_OF[patient.problem] ?? ['depression'];
  const banks = kinds.map((k) => PROBLEM_BANKS[k]);
  const pool = (key: keyof (typeof banks)[number]) => banks.flatMap((b) => b[key]);
  const people = some(rng, RELATIONS, 3).map(([relation, who]) => {
    const name = rng.pick(NAMES_FOR[who].filter((n) => n !== patient.givenName));
    return { full: `${relation} ${name}`, name };
  });
  const lead = banks[0] ?? PROBLEM_BANKS.depression;
  return {
    rng,
    name: patient.givenName,
    descriptor: patient.problem.toLowerCase(),
    kinds,
    lay: rng.pick(lead.lay),
    onset: rng.pick(pool('onsets')),
    situations: some(rng, pool('situations'), 3),
    thoughts: some(rng, pool('thoughts'), 3),
    feelings: some(rng, pool('feelings'), 2),
    body: some(rng, pool('body'), 2),
    safety: some(rng, pool('safety'), 2),
    goals: some(rng, pool('goals'), 2),
    activities: some(rng, ACTIVITIES, 3),
    daytime: rng.pick(DAYTIMES),
    people,
    style: rng.weighted([
      ['plain', 2],
      ['contracted', 2],
      ['casual', 1],
    ] as const),
    voice: Object.fromEntries(Object.entries(VOICES).map(([word, own]) => [word, rng.pick(own)])),
    homework: FIRST_HOMEWORK[kinds[0] ?? 'depression'],
    treatments: 0,
  };
};

export interface SessionLine {
  speaker: 'therapist' | 'patient';
  text: string;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'March', 'April', 'June', 'August', 'September', 'October', 'November'];
const CLOCKS = ['9:30', '10:00', '10:45', '11:30', '13:15', '14:00', '14:45', '15:30'];
const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => String(from + i * step));
/** Blanks filled from plain lists, not from the story. */
const LISTS: Record<string, readonly string[]> = {
  day: DAYS,
  month: MONTHS,
  clock: CLOCKS,
  fortnight: ['in two weeks', 'after next', 'fortnight'],
  time: ['6pm', 'teatime', 'half five', 'nine tonight'],
  evening: ['7pm', 'half six', '8pm', 'six o’clock'],
  percent: range(30, 95, 5),
  high: range(70, 95, 5),
  lower: range(20, 60, 5),
  low: range(2, 4),
  mid: range(5, 8),
  count: ['three', 'four', 'five', 'six'],
  minutes: range(10, 45, 5),
  hours: range(8, 10),
  fewerHours: range(4, 6),
  bedtime: ['11.30pm', 'midnight', '12.30am'],
  waketime: ['6.30am', '7am', '7.30am'],
};

/** Contractions a patient who types them would use. */
const CONTRACTIONS: Record<string, string> = {
  'I am': 'I’m',
  'I have': 'I’ve',
  'I would': 'I’d',
  'I will': 'I’ll',
  'It is': 'It’s',
  'it is': 'it’s',
  'do not': 'don’t',
  'did not': 'didn’t',
  cannot: 'can’t',
  'could not': 'couldn’t',
  'was not': 'wasn’t',
  'had not': 'hadn’t',
  'That is': 'That’s',
  'that is': 'that’s',
};
const CONTRACTABLE = new RegExp(`\\b(${Object.keys(CONTRACTIONS).join('|')})\\b`, 'g');

/** Words a patient may say their own way, and the ways. */
const VOICES: Record<string, readonly string[]> = {
  Yes: ['Yes', 'Yes', 'Yeah', 'Yep'],
  No: ['No', 'No', 'Nope', 'Nah'],
  'a bit': ['a bit', 'a little', 'kind of', 'a bit'],
  'I think': ['I think', 'I reckon', 'I guess', 'I think'],
  really: ['really', 'so', 'really', 'properly'],
  mostly: ['mostly', 'mainly', 'mostly', 'largely'],
  'Thank you': ['Thank you', 'Thanks', 'Cheers', 'Thank you'],
};
const VOICED = new RegExp(`\\b(${Object.keys(VOICES).join('|')})\\b`, 'g');

/** The patient's words as the therapist would say them back. */
const YOURS: Record<string, string> = {
  'I am': 'you are',
  'I was': 'you were',
  I: 'you',
  my: 'your',
  me: 'you',
  myself: 'yourself',
  mine: 'yours',
};
const SECOND_PERSON = /\b(I am|I was|I|my|me|myself|mine)\b/g;

const capitalise = (s: string) => (s.length > 0 ? (s[0] ?? '').toUpperCase() + s.slice(1) : s);

/** A phase's own moves (the first `firstInOrder` in order), then made-up ones. */
type Phase = {
  share: number;
  moves: readonly Move[];
  firstInOrder: number;
  more: 'explore' | 'reflect' | 'either';
};

/** The treatment techniques for a problem, in the order a course of sessions uses them. */
const techniqueAt = (kinds: readonly ProblemKind[], session: number): Technique => {
  const course = kinds.flatMap((k) => TECHNIQUES[k]);
  return (
    course[Math.min(course.length - 1, Math.floor((session - 1) / 2))] ?? TECHNIQUES.depression[0]!
  );
};

/**
 * One session's lines, `lines` of them, therapist and patient in turn: an assessment
 * (welcome, the problem, history, risk, goals, the plan) or a treatment session (agenda,
 * homework review, the technique the course has reached — with the formulation at the first
 * and relapse prevention at the last — summary, homework). Each phase takes its share of the
 * lines, whole exchanges where it can; a phase runs its moves in order, then again in a fresh
 * order, each line typed anew.
 */
export const sessionTalk = (
  story: PatientStory,
  session: { kind: 'assessment' | 'treatment'; final: boolean; lines: number },
): SessionLine[] => {
  const { rng } = story;
  const kind = story.kinds[0] ?? 'depression';
  let technique: Technique | undefined;
  let phases: Phase[];
  if (session.kind === 'assessment') {
    phases = [
      { share: 0.05, moves: ASSESSMENT['welcome'] ?? [], firstInOrder: 3, more: 'explore' },
      { share: 0.4, moves: ASSESSMENT['problem'] ?? [], firstInOrder: 7, more: 'explore' },
      { share: 0.15, moves: ASSESSMENT['history'] ?? [], firstInOrder: 5, more: 'explore' },
      { share: 0.1, moves: ASSESSMENT['risk'] ?? [], firstInOrder: 4, more: 'reflect' },
      { share: 0.1, moves: ASSESSMENT['goals'] ?? [], firstInOrder: 4, more: 'reflect' },
      { share: 0.2, moves: ASSESSMENT['plan'] ?? [], firstInOrder: 4, more: 'reflect' },
    ];
  } else {
    story.treatments++;
    technique = techniqueAt(story.kinds, story.treatments);
    const intervention = [
      ...(session.final ? RELAPSE_PREVENTION : story.treatments === 1 ? FORMULATION : []),
      ...technique.moves,
    ];
    phases = [
      { share: 0.1, moves: AGENDA, firstInOrder: 1, more: 'explore' },
      { share: 0.2, moves: HOMEWORK_REVIEW, firstInOrder: 1, more: 'explore' },
      { share: 0.5, moves: intervention, firstInOrder: intervention.length, more: 'either' },
      { share: 0.1, moves: SUMMARY, firstInOrder: 0, more: 'reflect' },
      {
        share: 0.1,
        moves: [SET_HOMEWORK, ...HOMEWORK_SETTING],
        firstInOrder: 5,
        more: 'reflect',
      },
    ];
  }

  // Blanks that stay the same through the session (one job, one practical problem).
  const sticky: Record<string, string> = {
    chore: rng.pick(PARTS['chore'] ?? []),
    practical: rng.pick(PARTS['practical'] ?? []),
    object: rng.pick(PARTS['object'] ?? []),
  };
  const pickOther = (items: readonly string[], not: string | undefined) => {
    const item = rng.pick(items);
    return item === not && items.length > 1
      ? (items[(items.indexOf(item) + 1) % items.length] ?? item)
      : item;
  };
  const used: Record<string, string> = {};
  // Read for every blank of every line: the story's people as words, once per session.
  const personFull = story.people.map((p) => p.full);
  const personName = story.people.map((p) => p.name);
  const fromStory = (key: string): string | readonly string[] | undefined => {
    switch (key) {
      case 'name':
        return story.name;
      case 'descriptor':
        return story.descriptor;
      case 'lay':
        return story.lay;
      case 'onset':
        return story.onset;
      case 'daytime':
        return story.daytime;
      case 'approach':
        return ASSESSMENT_APPROACH[kind];
      case 'homework':
        return story.homework;
      case 'newHomework':
        return sticky['newHomework'];
      case 'plan':
        return technique?.plan ?? '';
      case 'situation':
        return story.situations;
      case 'thought':
        return story.thoughts;
      case 'feeling':
        return story.feelings;
      case 'body':
        return story.body;
      case 'safety':
        return story.safety;
      case 'goal':
        return story.goals;
      case 'activity':
        return story.activities;
      case 'person':
        return personFull;
      case 'personName':
        return personName;
      default:
        return sticky[key] ?? LISTS[key] ?? PARTS[key];
    }
  };
  // "[a|b|c]": one of the phrasings; "{slot}": the story's words (capitalised as "{Slot}").
  const fill = (template: string, depth = 0, therapist = false): string =>
    (template.includes('[')
      ? template.replace(/\[([^\]]+)\]/g, (_, options: string) => rng.pick(options.split('|')))
      : template
    ).replace(/\{(\w+)\}/g, (_, slot: string) => {
      const upper = slot[0] !== slot[0]?.toLowerCase();
      const named = upper ? (slot[0] ?? '').toLowerCase() + slot.slice(1) : slot;
      const second = named.endsWith('2');
      const key = second ? named.slice(0, -1) : named;
      const source = fromStory(key);
      if (source === undefined) throw new Error(`no words for {${slot}}`);
      let value: string;
      if (typeof source === 'string') value = source;
      else {
        // Within one exchange a blank keeps its first words ("{situation}" asked, then answered).
        value = second ? pickOther(source, used[key]) : (used[key] ?? rng.pick(source));
        used[key] ??= value;
      }
      if ((value.includes('{') || value.includes('[')) && depth < 3)
        value = fill(value, depth + 1, therapist);
      // The therapist speaks of the patient's life as theirs ("your sister", "you were").
      if (therapist) value = value.replace(SECOND_PERSON, (m) => YOURS[m] ?? m);
      return upper ? capitalise(value) : value;
    });
  const typed = (text: string) => {
    const voiced = text.replace(VOICED, (m) => story.voice[m] ?? m);
    if (story.style === 'plain') return voiced;
    let out = voiced.replace(CONTRACTABLE, (m) => CONTRACTIONS[m] ?? m);
    if (story.style === 'casual' && rng.chance(0.6)) {
      out = (out[0] ?? '').toLowerCase() + out.slice(1);
      if (out.endsWith('.') && !out.endsWith('..')) out = out.slice(0, -1);
    }
    return out;
  };
  // A therapist acknowledges before asking, or addresses the patient by name; a patient
  // hesitates, adds a few words, types in their own way. Few lines go out bare.
  const part = (name: string) => fill(rng.pick(PARTS[name] ?? ['']));
  const therapistSays = (template: string, madeUp: boolean) => {
    const line = fill(template, 0, true);
    if (line.includes(story.name)) return line;
    const roll = rng.next();
    const said =
      roll < (madeUp ? 0.6 : 0.1)
        ? line
        : (roll < (madeUp ? 0.8 : 0.45) || /^(Thank|OK|Right|Good)/.test(line)) &&
            !/^(I|[A-Z][a-z]+day)\b/.test(line)
          ? `${story.name}, ${(line[0] ?? '').toLowerCase()}${line.slice(1)}`
          : `${part('opener')} ${line}`;
    return line.endsWith('?') && rng.chance(0.03) ? `${said} ${part('nudge')}` : said;
  };
  const patientSays = (template: string) => {
    let line = capitalise(fill(template)).replace(
      /([.?!] )([a-z])/g,
      (_, end: string, c: string) => end + c.toUpperCase(),
    );
    if (rng.chance(0.15)) line = `${part('lead')} ${line}`;
    if (rng.chance(0.07)) line = `${line} ${capitalise(part('tail'))}`;
    return typed(line);
  };

  if (technique) {
    const homework = rng.pick(technique.homework);
    sticky['newHomework'] = fill(homework, 0, true);
  } else sticky['newHomework'] = FIRST_HOMEWORK[kind];

  // Phase boundaries on whole exchanges (even line numbers), the last at `lines`.
  const out: SessionLine[] = [];
  let cumulative = 0;
  phases.forEach((phase, p) => {
    cumulative += phase.share;
    const end =
      p === phases.length - 1
        ? session.lines
        : Math.min(session.lines, 2 * Math.round((cumulative * session.lines) / 2));
    const own = [
      ...phase.moves.slice(0, phase.firstInOrder),
      ...rng.shuffle(phase.moves.slice(phase.firstInOrder)),
    ];
    // The made-up moves in a fresh order, so one session never asks the same thing twice.
    let explore: Move[] = [];
    while (out.length < end) {
      let move = own.shift();
      const madeUp = move === undefined;
      if (!move) {
        const reflect = phase.more === 'reflect' || (phase.more === 'either' && rng.chance(0.3));
        if (!reflect && explore.length === 0) explore = rng.shuffle(EXPLORE);
        move = reflect ? REFLECT : (explore.shift() ?? REFLECT);
      }
      for (const key of Object.keys(used)) delete used[key];
      out.push({ speaker: 'therapist', text: therapistSays(move[0], madeUp) });
      if (out.length < end) out.push({ speaker: 'patient', text: patientSays(move[1]) });
    }
  });
  story.homework = sticky['newHomework'] ?? story.homework;
  return out;
};

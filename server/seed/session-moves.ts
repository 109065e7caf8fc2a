// The moves of a typed CBT session, as [therapist, patient] templates with blanks that the
// patient's story fills ({situation}, {thought}, {person}…; server/seed/session-talk.ts lists
// them). Each line is also varied where it is typed: an opener before the therapist's question,
// a few words after the patient's answer, the patient's own way of typing. Made up.

import type { ProblemKind } from './story-vocabulary';

export type Move = readonly [therapist: string, patient: string];

/** A treatment technique: what it works on, its moves and the homework it sets. */
export interface Technique {
  /** Completes "then …" in an agenda. */
  plan: string;
  moves: readonly Move[];
  homework: readonly string[];
}

export const ASSESSMENT: Record<string, readonly Move[]> = {
  welcome: [
    [
      '[Hello|Hi] {name}, [welcome|thanks for logging on]. This session is typed, so take your time.',
      '[Hi.|Hello.] [I have never done this before|This is all new to me], so I am a bit {feeling}.',
    ],
    [
      'Before we start, {name}: what you tell me stays in the service unless I am worried about your safety or someone else’s. [Is that OK?|Does that make sense?]',
      '[Yes, that is fine.|That is OK.] {personName} knows I am doing this anyway.',
    ],
    [
      '[Are you somewhere private|Is this a private place] where you can type freely for the next hour?',
      'Yes, I am at home. {personName} is out until {time}.',
    ],
  ],
  problem: [
    [
      '[Can you tell me|Could you say] in your own words what has brought you to the service?',
      'It is {lay}. It started {onset}, and [it has got worse lately|it is worse this year].',
    ],
    [
      '[Could you give me|Can you think of] a recent example?',
      'Last {day} I was {situation}. I felt {feeling} and noticed {body}.',
    ],
    [
      '[What went through your mind|What were you thinking] just then?',
      'That {thought}. [It felt completely true.|I was sure of it.]',
    ],
    ['[And what did you do?|What did you do next?]', 'I ended up {safety}.'],
    ['How often does [something like that|that] happen?', '{frequency}, more when I am {daytime}.'],
    [
      'How is it affecting [work, home and your social life|your work and home life]?',
      'I have {impact}, and I have {impact2}.',
    ],
    [
      'What do you do [to cope|to get through] when it is at its worst?',
      '{Safety}, mostly. It helps for a bit and then it comes back.',
    ],
  ],
  history: [
    [
      'Has anything like this happened before?',
      '[Not this bad.|Never like this.] I have always been a bit of a {trait}, though.',
    ],
    [
      '[Who is around to support you?|Who do you have around you?]',
      '{Person}, mostly. And {person2}, though I do not like to burden them.',
    ],
    ['Are you taking any medication for [your mood|your mood or anxiety]?', '{medication}'],
    ['[Roughly how much|How much] alcohol do you drink in a typical week?', '{alcohol}'],
    [
      'What is a typical day like [for you at the moment|at the moment]?',
      'I am {daytime} most days. Evenings I am too {feeling} to do much.',
    ],
  ],
  risk: [
    [
      'I ask everyone this, {name}: have you had any thoughts that life is not worth living?',
      '{riskAnswer}',
    ],
    [
      'Have you ever harmed yourself, or [made any plans to|thought about how you would]?',
      'No, never. I would not do that to {personName}.',
    ],
    [
      'If things got worse, what would you do to keep yourself safe?',
      'Ring {personName}, or call 111 like your letter says. 999 if it was really bad.',
    ],
    [
      'Is there anyone you [care for|look after], or anyone else who might be at risk?',
      'I help {person} out a bit, but they are OK. Nobody at risk.',
    ],
  ],
  goals: [
    [
      'What would you like to be different by the end of our sessions?',
      '[I would like to|I want to be able to] {goal}.',
    ],
    [
      '[On a scale of 0 to 10|From 0 to 10], how close are you to that now?',
      'About a {low}. [Maybe less.|On a good day.]',
    ],
    [
      'What would be the first sign [that things were improving|of things getting better]?',
      'Probably {activity} again without having to force myself.',
    ],
    ['Is there another goal you would add?', 'To {goal2}, if that is not too much.'],
  ],
  plan: [
    [
      'From what you have told me, {name}, it sounds like {descriptor}. Does that fit for you?',
      '[Yes.|I think so.] It helps to hear {lay} has a name.',
    ],
    [
      'What I would suggest is {approach}. How does that sound?',
      '[Good.|OK.] I am willing to give it a go, {day}s are best for me.',
    ],
    [
      'Sessions are fortnightly and typed like today, with things to try in between. [Can you make that work?|Would that suit you?]',
      'Yes. {day}s are best because I am {daytime} the rest of the week.',
    ],
    [
      'Could you fill in the questionnaires now? They help us see how things change.',
      'Done. Some were hard to answer, {day} and today feel very different.',
    ],
  ],
};

export const ASSESSMENT_APPROACH: Record<ProblemKind, string> = {
  depression: 'behavioural activation, building back what gives you a sense of achievement',
  worry: 'looking at the worry itself, and how to step back from it',
  panic: 'understanding the panic cycle and testing out what you fear will happen',
  social: 'looking at what happens in social situations and testing your predictions',
  ocd: 'exposure and response prevention, step by step and at your pace',
  trauma: 'trauma-focused CBT: working on the memory and the triggers, at your pace',
  health: 'looking at how the worry about your health works, and cutting back the checking',
  phobia: 'graded exposure, starting small and building up',
  sleep: 'CBT for insomnia: a sleep diary, then resetting your sleep pattern',
};

/** The homework an assessment leaves. */
export const FIRST_HOMEWORK: Record<ProblemKind, string> = {
  depression: 'the activity diary from the booklet',
  worry: 'the worry diary from the booklet',
  panic: 'the panic diary from the booklet',
  social: 'noting the social situations you avoid',
  ocd: 'noting each urge to check and what set it off',
  trauma: 'the grounding exercise and the reading about trauma',
  health: 'noting each time you check or look something up',
  phobia: 'listing the situations you avoid, from least to most',
  sleep: 'the sleep diary',
};

export const AGENDA: readonly Move[] = [
  [
    '[Hello|Hi] {name}, thanks for logging on. [How has the fortnight been?|How are you feeling right now, before we start?|How have things been since last time?]',
    '{weekReport}',
  ],
  [
    'Shall we set an agenda? I thought we could go over {homework}, then {plan}.',
    'That sounds fine. Could we also talk about {situation}? It happened again on {day}.',
  ],
  [
    'Thanks for doing the questionnaires. Your scores are [a little lower|lower|down a bit] than last time. [Does that fit?|Does that match how it felt?]',
    '{scoreLower}',
  ],
  [
    'Thanks for doing the questionnaires. Your scores are [a bit higher|up a little|higher] than last time. [Does that fit?|Does that match how it felt?]',
    '{scoreHigher}',
  ],
  [
    'Before anything else: have you had any thoughts of harming yourself since [we last spoke|last time]?',
    'No, nothing like that. I have been {feeling}, but not like that.',
  ],
  [
    '[Is there anything|Has anything come up] since last time that we should add?',
    'Only that {person} noticed I was {feeling} on {day} and asked about it.',
  ],
  [
    'How much of today would you like to give to {situation}?',
    '[Maybe half?|Most of it, if that is OK.|Half, maybe.|A good chunk.] It has been on my mind since {day}.',
  ],
];

export const HOMEWORK_REVIEW: readonly Move[] = [
  ['[How did you get on with|How did it go with] {homework}?', '{homeworkAnswer}'],
  [
    '[What did you notice when you did it?|What did you notice on {day}?]',
    'That I was {feeling} beforehand, but it eased after about {minutes} minutes.',
  ],
  [
    '[What did you predict would happen|What did you expect], and what actually happened?',
    'I predicted that {thought}. What happened was that {outcome}.',
  ],
  [
    'On {day} you rated your mood {low} out of 10. What was happening then?',
    'That was the day I was {situation}. {personName} was away.',
  ],
  [
    'Did you notice yourself {safety} at all?',
    '[Once or twice|A few times|Now and then] at the start. By {day} I [managed without|had stopped][| though|, mostly].',
  ],
  ['What got in the way [on the other days|on {day}]?', '{barrier}.'],
  ['What did you learn from [doing it|{homework}]?', '{learning}'],
  [
    'How much do you believe that {thought} now, from 0 to 100?',
    'About {lower}. It was nearer {high} before.',
  ],
  [
    'Which day was [easiest|best], and why?',
    '{day}. I had done {activity} first, with {personName}.',
  ],
];

export const SUMMARY: readonly Move[] = [
  [
    '[We are nearly out of time|We have about five minutes left|Before we finish]. What will you take away from [today|this session]?',
    '{learning}',
  ],
  [
    '[How have you found the session today?|How was today for you?|How was that, {name}?]',
    '[Helpful.|Useful.] Easier to type it than say it, especially about {situation}.',
  ],
  [
    'Was there anything I said today that [did not sit right with you|you disagreed with]?',
    '[No.|Not really.] Trying it without {safety} feels like a big step, but I see why[| after {day}].',
  ],
  [
    'If you had to sum up [today|this session] in one sentence, what would it be?',
    'The thought that {thought} is a thought, not a fact.',
  ],
  [
    'How are you feeling now, compared with [the start|when we began]?',
    'Less {feeling}. Maybe {low} out of 10 instead of {mid}.',
  ],
  [
    'What was the most useful part [for you|of today]?',
    'Seeing how {safety} keeps it going[| when I am {daytime}]. I had never noticed.',
  ],
];

export const HOMEWORK_SETTING: readonly Move[] = [
  [
    'What might get in the way [of doing it|on {day}]?',
    '{barrier}. I will ask {personName} to remind me.',
  ],
  [
    'I will send the worksheet through the messages after the session. [Is anything unclear?|Any questions about it?]',
    'No, I know what to do. I will start on {day}.',
  ],
  ['Shall we book the next session for {day} {fortnight} at {clock}?', '{booking}'],
  [
    'Remember you can message me [between sessions|before {day}], and call 111 or 999 if you ever feel unsafe.',
    '{closing}',
  ],
];

/** The first homework-setting exchange: the task itself (then kept for the next review). */
export const SET_HOMEWORK: Move = [
  '[For the next fortnight|Before we next meet], shall we agree on {newHomework}?',
  '[Yes, I can do that.|OK, that sounds doable.] I will put a reminder in my phone for {day}.',
];

export const FORMULATION: readonly Move[] = [
  [
    'Shall we draw out the cycle, using {situation} as the example?',
    'OK. That was on {day}, when I was {situation}.',
  ],
  ['[What was the thought|What went through your mind], in your own words?', 'That {thought}.'],
  ['What did you feel, emotionally and in your body?', '{Feeling}, and I noticed {body}.'],
  ['[And what did you do then?|What did you do next?]', 'I ended up {safety}.'],
  [
    'What happens to the thought that {thought} when you do that?',
    '[It never gets tested|I never find out], so it stays. [I see that now.|I had not seen that.]',
  ],
];

export const RELAPSE_PREVENTION: readonly Move[] = [
  [
    'As this is our last session, {name}, shall we write your blueprint together?',
    'Yes. I want something to look back on if {lay} comes back.',
  ],
  [
    'What have you learnt about what keeps [it|{lay}] going?',
    'That {safety} keeps it going, and facing {situation} helps.',
  ],
  ['What are your early warning signs?', 'Feeling {feeling}, {body}, and {safety} creeping back.'],
  [
    'What will you do if you notice [them|any of them]?',
    'Go back to the worksheets, do {activity}, and talk to {personName}.',
  ],
  ['What are you most proud of from our work?', 'That I can {goal} now, or nearly.'],
];

export const TECHNIQUES: Record<ProblemKind, readonly Technique[]> = {
  depression: [
    {
      plan: 'plan some activities for the coming fortnight',
      moves: [
        [
          'Let us look at your diary for {day}. What did the day look like?',
          'I was {situation} most of the morning, then {safety}. Not much else.',
        ],
        [
          'How did you feel while you were {safety}?',
          '{Feeling}, and guilty. It felt like a wasted day.',
        ],
        [
          'When you feel {feeling} it makes sense to do less, but doing less keeps the mood low. Does that fit?',
          '[Yes.|It does.] The less I do, the less I want to do, [especially {daytime}|and then I feel {feeling}].',
        ],
        [
          'What used to give you a sense of [achievement or enjoyment|enjoyment]?',
          '{Activity}, and {activity2}. I have not done either for months.',
        ],
        [
          'Which of those could you do [a small piece of|a bit of] this week?',
          '{Activity} on {day}, maybe for fifteen minutes.',
        ],
        ['Are there routine jobs that have piled up?', 'The {chore}. It is getting on top of me.'],
        [
          'Could we break the {chore} into smaller steps?',
          'I could do ten minutes on {day}, and ask {personName} to help with the rest.',
        ],
        [
          'If you do not feel like it on {day}, what will you tell yourself?',
          'That I do not have to want to, I just have to start. {Activity} always helps once I am there.',
        ],
        [
          'What might {personName} notice if you did more of what matters to you?',
          'That I am more like myself. {PersonName} keeps saying [they miss the old me|I have gone quiet].',
        ],
        [
          'How confident are you, out of 10, that you will do {activity}?',
          '{mid}. Higher if I write it on the calendar.',
        ],
      ],
      homework: [
        'the activity diary, rating mood and achievement each hour',
        'a plan for {activity} on {day}, with your mood before and after',
        'three small planned activities and one routine job, the {chore}',
      ],
    },
    {
      plan: 'look at one of the thoughts that keeps coming back',
      moves: [
        [
          'Let us take a moment this fortnight when you felt {feeling}. Where were you?',
          'I was {situation}, on {day}.',
        ],
        ['What was going through your mind?', 'I kept thinking {thought}.'],
        [
          'How much did you believe that [at the time|on {day}], 0 to 100?',
          'About {percent}. Less now, typing it out.',
        ],
        ['What is the evidence that supports the thought?', '{evidenceFor}'],
        ['And the evidence that does not fit?', '{evidenceAgainst}'],
        [
          'If {personName} had that thought, what would you say to them?',
          'That one bad day does not make them useless. I am kinder to {personName} than to myself.',
        ],
        ['Is that one of the thinking habits we talked about?', '{Habit}, definitely.'],
        ['What would be a more balanced way of seeing it?', '{balanced}'],
        [
          'How much do you believe [the balanced thought|that new thought] [now|right now]?',
          'Maybe {percent}. It feels truer written down.',
        ],
      ],
      homework: [
        'a thought record, one entry when you notice your mood drop',
        'catching the thought that {thought}, with the evidence for and against',
        'the thinking habits worksheet',
      ],
    },
  ],
  worry: [
    {
      plan: 'look at the worry and how to get some distance from it',
      moves: [
        [
          'When did you last notice yourself [worrying|caught up in the worry]?',
          'On {day}, {situation}. It went round and round for hours.',
        ],
        ['How did it start?', 'With the thought that {thought}, then it snowballed.'],
        [
          'Is that a worry [about a problem you can act on now|you can do something about], or a hypothetical one?',
          'Hypothetical, mostly. There is nothing I can do about it at [midnight|3am|{time}].',
        ],
        [
          'What do you think would happen if you did not worry about {personName}?',
          'I would be caught out. Worrying feels like it keeps [everyone|{personName}] safe.',
        ],
        [
          'Does worrying about {personName} actually keep them safe?',
          '[When you put it like that, no.|No, it does not.] It just [wears me out|leaves me {feeling}][| by {evening}].',
        ],
        [
          'How would it be to put the worry off to a set worry time, say {evening} each evening?',
          '[Strange.|Odd.] But I could write it down {daytime} and leave it until then.',
        ],
        [
          'What do you do when the worry starts, like {safety}?',
          'All the time. It calms me for [a minute|a bit] and then {body} starts again.',
        ],
        ['Where do you notice the worry in your body?', '{Body}, especially in the evenings.'],
        [
          'What might happen if you held back from {safety} for a day?',
          'I would feel {feeling} at first. I honestly do not know after that.',
        ],
      ],
      homework: [
        'worry time at {evening} each evening, writing worries down in the day',
        'sorting worries into practical and hypothetical',
        'a day without {safety}, noting what happens',
      ],
    },
    {
      plan: 'use problem solving on the practical worries',
      moves: [
        [
          'For {practical}, shall we try the problem-solving steps?',
          'OK. The problem is {practical}.',
        ],
        [
          'List every possible solution [for {practical}|you can think of], even the silly ones.',
          'Ask {personName}, ring them on {day}, ignore it, or do it in stages.',
        ],
        [
          'Which [has the best balance of pros and cons|of those would you pick]?',
          'Ringing on {day}. It is scary, but then it would be over with.',
        ],
        [
          'What are the steps, and when will you do [each one|them]?',
          'Find the letter tonight, write down what to say, ring at {clock} on {day}.',
        ],
        [
          'How did your worry time go [this fortnight|since {day}]?',
          'Better than I thought. By {evening} half of it did not matter any more.',
        ],
        [
          'How much do you now believe that {thought}?',
          '{percent}. It was {high} when we started.',
        ],
      ],
      homework: [
        'the problem-solving steps for {practical}',
        'keeping worry time going and trying the first step on {practical}',
      ],
    },
  ],
  panic: [
    {
      plan: 'look at what happens in your body during an attack and test the fear',
      moves: [
        [
          'Can you take me through the last attack, [step by step|from the start]?',
          'I was {situation}. I noticed {body}, then {body2}.',
        ],
        ['And what did you think those sensations meant?', 'That {thought}.'],
        [
          'So {body} led to the thought, and that frightened you more. What happened to {body} then?',
          '[They got worse.|It got stronger.] It felt like it would never stop, [so I ended up {safety}|until {personName} came].',
        ],
        [
          'How many attacks have you had, and how many times [did the worst happen|did the worst come true]?',
          '[Dozens|Loads], and never. But every time I think this is the one.',
        ],
        [
          'What do you do to stop the worst happening, [say when you are {situation}|in the moment]?',
          '{Safety}. And {safety2} if it is bad.',
        ],
        [
          'What if {safety} is the reason you have never found out that the panic passes by itself?',
          'I had not thought of it like that. {Safety} feels like it saves me.',
        ],
        [
          'Shall we bring on the sensations on purpose now, by breathing fast for [thirty seconds|half a minute]?',
          'OK. Done. My hands are tingling and I feel {feeling}.',
        ],
        [
          'How similar was that to [an attack|what happens when you are {situation}], 0 to 100?',
          'About {percent}. It came from breathing, not from my heart.',
        ],
        [
          'What experiment could you try before [we next meet|{day}]?',
          'I could try {situation} again without {safety}, and stay until it passes.',
        ],
        [
          'What do you predict will happen, and how much do you believe it[| out of 100]?',
          'That {thought}. About {percent}.',
        ],
      ],
      homework: [
        'the experiment of {situation} without {safety}',
        'noting each attack: the sensation, the thought and what happened',
        'the over-breathing exercise once a day',
      ],
    },
  ],
  social: [
    {
      plan: 'look at what you focus on in company and test out the predictions',
      moves: [
        ['Let us take {situation}. What did you expect to happen?', 'That {thought}.'],
        [
          'Where was your attention while you were {situation}?',
          'On myself, checking for {body}. I barely heard what people said.',
        ],
        ['What did you do to get through it?', '{Safety}, and {safety2}.'],
        [
          'What might other people make of you {safety}?',
          'That I am unfriendly, maybe. {PersonName} said that once.',
        ],
        [
          'Let us try something: type a reply to me focusing on yourself, then one focusing on what I say[| about {day}].',
          'The second was easier. I was less {feeling}.',
        ],
        [
          'How visible do you think the {body} is to other people, 0 to 100?',
          '{percent}. {personName} says they never notice it.',
        ],
        [
          'What would it be like to try {situation} without {safety}?',
          'Scary. But I would find out whether {thought}.',
        ],
        [
          'What did you do after {situation}, going over it in your head?',
          'Replayed every word all evening. It made it seem [much worse|a disaster], and I felt {feeling}.',
        ],
      ],
      homework: [
        'one conversation a day focusing on the other person, not on yourself',
        '{situation} without {safety}, noting what people actually did',
        'stopping the replay after social events',
      ],
    },
  ],
  ocd: [
    {
      plan: 'build the exposure ladder and practise resisting the urge',
      moves: [
        [
          'What triggered the urge [this fortnight|on {day}]?',
          '{Situation}. The thought came that {thought}.',
        ],
        ['What did you feel you had to do?', '{Safety}. Sometimes more than once.'],
        [
          'How anxious were you before {safety}, and just after?',
          'About {mid} before, {low} after. But it was back within the hour.',
        ],
        [
          'So the relief is short lived and the doubt comes back[, stronger|]. Does that fit?',
          '[Completely.|Yes.] It is like feeding it, [especially {daytime}|every time].',
        ],
        [
          'Let us build the ladder. What would be a step of [3 or 4|about 4] out of 10?',
          'Checking the {object} once instead of twice.',
        ],
        [
          'And what would be at the top?',
          'Leaving the house without checking anything at all[, even the {object}|, on a {day}].',
        ],
        [
          'When you did not check the {object}, what happened to the anxiety?',
          'It went up to {mid} and then came down. It took about {minutes} minutes.',
        ],
        [
          'How responsible would you be if [something happened|{thought}], 0 to 100?',
          '{high} at the time. After the pie chart, maybe {percent}.',
        ],
        [
          'What is the difference between having [a thought|the thought] and acting on it?',
          'A thought does not make things happen. {personName} has the same kind of thoughts.',
        ],
      ],
      homework: [
        'the next step on the ladder, once a day, without checking',
        'noticing urges to keep {safety} and delaying ten minutes',
        'the responsibility pie chart for {situation}',
      ],
    },
  ],
  trauma: [
    {
      plan: 'work on the memory and on the triggers that bring it back',
      moves: [
        [
          'How have the memories been since [we last spoke|{day}]?',
          'It came back on {day}, when I was {situation}.',
        ],
        ['What did you notice in your body?', '{Body}, as if it was happening again.'],
        [
          'What tells you that you are here, now, and not back then[| {onset}]?',
          'It is {month}, I am at home, and {personName} is in the next room.',
        ],
        [
          'Can you type the next part of your account, [slowly|a line at a time], in the present tense?',
          'I am standing there and I cannot move. I feel {feeling}. [Sorry, this is hard.|Give me a second.]',
        ],
        [
          'Take your time, {name}. How distressed are you, 0 to 100?',
          '{percent}. Coming down now.',
        ],
        ['What is the worst moment, the hotspot?', 'When I thought {thought}.'],
        [
          'What do you know now that you did not know [then|{onset}]?',
          'That I did get out, and that I did what I could. {PersonName} says so too.',
        ],
        [
          'What is the difference between [the trigger then and the trigger now|then and {situation} now]?',
          'Then it was real danger. Now it is just {situation}.',
        ],
        [
          'What have you stopped doing since it happened that you [would like back|miss]?',
          '{Activity}. I stopped {onset}.',
        ],
      ],
      homework: [
        'reading the updated account once a day',
        'the grounding routine when a memory comes',
        'reclaiming one thing: {activity}',
      ],
    },
  ],
  health: [
    {
      plan: 'look at the worry about your health and test out the checking',
      moves: [
        ['What set the worry off this time?', '{Situation}. Straight away I thought {thought}.'],
        ['What did you do next?', '{Safety}, then {safety2}.'],
        [
          'How long did the reassurance last?',
          '[A few hours|Till {evening}], then the doubt about {body} came back.',
        ],
        [
          'Let us compare two ideas: that {thought}, or that you are worried it is. What fits each?',
          'For the first, {body}. For the second, every test has come back clear.',
        ],
        [
          'Focus on your [left hand|right foot] for a minute now. What do you notice?',
          'It [tingles|feels warm and a bit odd]. I did not notice that before, and now I feel {feeling}.',
        ],
        [
          'What does that tell you about checking?',
          'The more I look, the more I find. [Like {body}.|{PersonName} has said that for years.]',
        ],
        [
          'What would be a first step in cutting back {safety}?',
          'Only once a day, at {clock}. Then every other day.',
        ],
        [
          'How much do you believe that {thought} now, 0 to 100?',
          '{percent}. It was higher before.',
        ],
      ],
      homework: [
        'a week without googling symptoms, writing the urge down instead',
        'cutting {safety} to once a day and noting the anxiety',
        'the two explanations worksheet',
      ],
    },
  ],
  phobia: [
    {
      plan: 'build a step-by-step exposure plan',
      moves: [
        [
          'Let us rank the situations from least to most [frightening|scary], {name}.',
          'Looking at pictures is a 3. {Situation} is a 10.',
        ],
        ['What do you expect would happen at the top of the ladder?', 'That {thought}.'],
        [
          'Shall we start with the lowest step [now|here, while we type]?',
          'OK. Doing it now. My anxiety is about {mid}.',
        ],
        ['Stay with it. What is it now?', 'Down to {low}. I did not think it would drop.'],
        ['What did you stop yourself doing?', '{Safety}. That was the hard part.'],
        [
          'Which step will you do before [we next meet|{day}]?',
          'The next one, on {day}, with {personName} nearby at first.',
        ],
        [
          'How strongly do you believe that {thought} now?',
          '{percent}. Less than when we started.',
        ],
      ],
      homework: [
        'the next step of the ladder, three times, staying until the anxiety halves',
        'practising the next step without {safety}',
      ],
    },
  ],
  sleep: [
    {
      plan: 'look at the sleep diary and set a new sleep window',
      moves: [
        [
          'What does the sleep diary show [for the last fortnight|since {day}]?',
          'In bed about {hours} hours, asleep maybe {fewerHours}. {day} was the worst.',
        ],
        ['What do you do when you cannot sleep?', '{Safety}, and lie there thinking {thought}.'],
        [
          'Lying awake in bed can teach your body that bed is for being awake. [Does that fit?|Does that ring true?]',
          '[Yes.|Totally.] I feel wide awake as soon as I get into bed, and then {thought}.',
        ],
        [
          'What if you got up after [twenty minutes|about twenty minutes] awake and did something quiet until sleepy?',
          'I could sit in the lounge with the radio, or {activity}.',
        ],
        [
          'Shall we set a sleep window from {bedtime} to {waketime} for the fortnight?',
          'That is later than I go now. I will be tired {daytime} at first.',
        ],
        ['What do you predict will happen if you only get five hours?', 'That {thought}.'],
        [
          'What happened the last time you slept badly and [still went in|still got on with the day]?',
          'I was tired, but I got through it {daytime}. Nobody noticed.',
        ],
        ['How much caffeine are you having after lunch?', '{caffeine}'],
      ],
      homework: [
        'the sleep window from {bedtime} to {waketime}, with the sleep diary',
        'getting up after twenty minutes awake',
        'no naps and no caffeine after 2pm',
      ],
    },
  ],
};

/**
 * Moves made up as the talk goes, once a phase has used its own: the therapist asks about the
 * patient's story, and the answer is put together from its parts (when, what happened, what
 * they felt, thought or did).
 */
export const EXPLORE: readonly Move[] = [
  [
    'What happened the last time you were {situation}[| on your own| with {personName}]?',
    '{When} I was {situation}. {Reaction}.',
  ],
  [
    '[When|While] you were {situation}[| on {day}], what did you notice [in your body|physically]?',
    '{Body}, [and then {body2}|mostly]. {Reaction}.',
  ],
  [
    'How did {personName} react when you were {feeling}[| on {day}]?',
    '{PersonName} [asked if I was OK|went quiet|tried to cheer me up|told me not to worry]. {Reaction}.',
  ],
  ['What did you make of {body}[| on {day}| at the time]?', 'That {thought}. {Reaction}.'],
  [
    'What would have happened if you had not been {safety}[| on {day}| that time]?',
    '[I think|Probably] {thought}. [I have never let myself find out.|I do not know, I always do it.]',
  ],
  [
    '[Tell me a bit more about|Can you say more about] {situation}[| on {day}].',
    '{When} I was {situation}, and {reaction}.',
  ],
  [
    'What did you do after [that, on {day}|{situation}|you noticed {body}]?',
    '{Reaction}, then [{activity} to take my mind off it|I went to bed early|I rang {personName}].',
  ],
  [
    'How did you feel [after {situation}|afterwards, on {day}|once {situation} was over]?',
    '{Feeling}, [and tired|and cross with myself|but relieved it was over][| until {evening}].',
  ],
  [
    'What did {personName} say about [it|{day}|{situation}]?',
    'That [I looked {feeling}|it was not as bad as I thought|I should have said something]. {Reaction}.',
  ],
  [
    'Was {day} any different?',
    '{Day} was [better|worse|about the same]. I was {daytime} and [managed|skipped] {activity}.',
  ],
  [
    'How strong was the {feeling} feeling[| on {day}], out of 10?',
    '[About|Maybe|Easily] a {mid}, when I was {situation}.',
  ],
  [
    'What was the thought that went with {body}[| on {day}| that time]?',
    'That {thought}, [straight away|every time].',
  ],
  [
    '[How far do you feel from being able to|How close are you to being able to|What stands between you and being able to] {goal}?',
    '[Further than I would like.|Closer than last month.|Still a way off.] {When} I [nearly did|tried], but {reaction}.',
  ],
  [
    'What helped, even a little, when you felt {feeling}[| on {day}]?',
    '{Activity}, [a bit|for an hour or so]. {When} it helped more than I expected.',
  ],
];

/** The therapist checks their understanding; the patient agrees, or adds to it. */
export const REFLECT: Move = [
  '[So|It sounds like|So it seems] {reflection}[?|. Is that right?|. Does that fit?]',
  '[Yes, exactly.|Pretty much.|Mostly, yes.|Sort of.|Yes, that is it.|I think so, yes.|That is about right.][ {addOn}| {addOn}|]',
];

/** Small parts that vary a line where it is typed. */
export const PARTS: Record<string, readonly string[]> = {
  opener: [
    'OK.',
    'Thank you.',
    'That makes sense.',
    'Thanks for typing that.',
    'That sounds hard.',
    'Right.',
    'Good.',
    'I see.',
    'That is useful.',
    'I am glad you said.',
    'Let us stay with that.',
    'Thank you, {name}.',
    'Well noticed.',
    'Mm.',
    'OK, {name}.',
    'Understood.',
    'Thanks.',
    'Fair enough.',
    'Got it.',
    'That is honest.',
    'Makes sense.',
    'OK, thank you.',
    'Sure.',
    'Ah, OK.',
  ],
  when: [
    'On {day} evening',
    'Last {day}',
    'Yesterday',
    'At the weekend',
    'On {day}, {daytime},',
    'On {day} morning',
    'The other day',
    'Just this morning',
  ],
  reaction: [
    'I felt {feeling}',
    'I noticed {body}',
    'I thought {thought}',
    'I ended up {safety}',
    '{personName} asked if I was OK',
    'I went home early',
    'I could not settle after that',
    'I kept going over it',
  ],
  reflection: [
    'when you are {situation}, the thought that {thought} comes up',
    '{safety} takes the edge off but keeps the fear going',
    'you feel {feeling} most when you are {daytime}',
    '{activity} helps more than you expect',
    '{personName} is someone you can lean on',
    'the {feeling} feeling is strongest around {situation}',
    'the less you do, the more {feeling} you feel',
    'you hold yourself to a harder standard than {personName}',
  ],
  addOn: [
    'Especially on {day}s.',
    '{PersonName} says the same.',
    'It is worse {daytime}.',
    'Typing it makes it clearer than it was on {day}.',
    'I had not seen that about {situation}.',
    'More since {day}, actually.',
    'And it has been like that {onset}.',
  ],
  /** After the therapist's question, now and then. */
  nudge: [
    'Take your time.',
    'No rush.',
    'Roughly is fine.',
    'A few words is fine.',
    'Whatever comes to mind.',
    'Just your best guess.',
  ],
  /** Before the patient's answer, now and then. */
  lead: [
    'Hmm.',
    'Let me think.',
    'Honestly?',
    'Good question.',
    'Um.',
    'Oh.',
    'Right.',
    'OK.',
    'Well.',
    'I suppose.',
  ],
  tail: [
    'If that makes sense.',
    'Sorry, that is a bit jumbled.',
    'It sounds silly typed out.',
    '{personName} says the same.',
    'At least I think so.',
    'Especially at the moment.',
    'It has been like that {onset}.',
    'I am not sure.',
    'Which I know is daft.',
    'That is the honest answer.',
    'More than I realised.',
    'Sorry, typing on my phone.',
    'Especially when I am {daytime}.',
  ],
  weekReport: [
    'Up and down. {day} was hard, I was {situation}.',
    'Better than last time. I managed {activity} on {day}.',
    'Not great. {person} was poorly and I was {feeling} most of the week.',
    'A mixed bag. Good at the weekend, harder once I was {daytime} again.',
    'Busier than usual {daytime}, so I have been {feeling}.',
    'Quite good actually. I did {activity} twice.',
  ],
  scoreLower: [
    'Yes. {day} was a good day, I managed {activity}.',
    'I think so. {Situation} was easier this time.',
    'Yes, {personName} has noticed too.',
  ],
  scoreHigher: [
    'Yes, it has been a harder fortnight with {person} away.',
    'I think so. {Situation} was hard again.',
    'Yes. {day} was bad, I felt {feeling} all day.',
  ],
  direction: ['a little lower', 'a bit higher', 'lower', 'slightly higher'],
  homeworkAnswer: [
    'I managed most days. The hardest was {day}, when I was {situation}.',
    'Not as much as I wanted. {barrier}.',
    'I did it {count} times. It got easier each time.',
    'I did it, but only in my head on {day}. I did not write it down.',
    'Better than I expected. {personName} helped me remember.',
  ],
  barrier: [
    '[Work was mad|It was a mad week {daytime}] and I forgot',
    '{person} was staying and I had no time to myself',
    'I felt too {feeling} to start',
    'I kept putting it off until {evening}, then I was too tired',
    'My phone died on {day} and I lost what I had written',
    'I was {daytime} late every day',
  ],
  outcome: [
    'nobody noticed',
    'it was uncomfortable but nothing bad happened',
    'I got through it and even enjoyed part of it with {personName}',
    'I was {feeling} for a bit and then it passed',
    '{personName} said I seemed more like myself',
  ],
  learning: [
    'That the worry before {situation} is worse than the thing itself.',
    'That doing {activity} lifts me even when I do not feel like it.',
    'That the thought that {thought} is a thought, not a fact.',
    'That I cope better than I expect to, even {daytime}.',
    'That {safety} keeps it going, even though it feels like it helps.',
    'That I can be {feeling} and still do things.',
  ],
  evidenceFor: [
    'I forgot {personName}’s birthday last month.',
    'I have not been pulling my weight at home. {PersonName} does it all.',
    'I made a mistake {daytime} last week and someone noticed.',
    'Nobody rang me back on {day}.',
    '{personName} looked annoyed with me on {day}.',
  ],
  evidenceAgainst: [
    '{personName} said they were glad I came.',
    'I did manage {activity} on {day}.',
    'My manager said my work was fine {daytime}.',
    'People still ask me to things, even when I say no. {PersonName} did on {day}.',
    '{person} told me I am doing better than I think.',
  ],
  balanced: [
    'I am struggling at the moment, but I am doing more than I give myself credit for.',
    'Things went wrong on {day}, but that does not mean they always will.',
    '{personName} was busy. It is not necessarily about me.',
    'I am not a burden. {personName} wants to help.',
    'I had a bad {day}, not a bad life.',
  ],
  habit: [
    'mind reading',
    'all or nothing thinking',
    'jumping to conclusions',
    'fortune telling',
    '“should” statements',
  ],
  riskAnswer: [
    'Sometimes I wonder what the point is, but I would never do anything. {personName} keeps me going.',
    'No, not at all. I just want to {goal} again.',
    'A few times, {onset}. Not now, and I have never made any plans.',
    'No. I am {feeling}, but I want to get better.',
  ],
  medication: [
    'Sertraline from the GP, since {month}.',
    'No, I would rather try talking first. {PersonName} agrees.',
    'I was on citalopram {onset}, nothing now.',
    'Just [the pill|my inhaler], nothing for my mood.',
  ],
  alcohol: [
    'A couple of glasses of wine at the weekend, with {personName}.',
    'Hardly any. Maybe a pint when I see {personName}.',
    'More than I should since {day}s got so busy, a bottle of wine most nights. I know.',
    'None, I stopped {onset}.',
  ],
  caffeine: [
    'Two or three coffees. I need them to get through the afternoon {daytime}.',
    'A can of energy drink {daytime}, sometimes two.',
    'Just tea, but a lot of it. {PersonName} keeps making it.',
  ],
  frequency: ['Most days', 'Two or three times a week', 'Every day', 'A few times a week'],
  impact: [
    'taken time off work',
    'stopped seeing {personName} as much',
    'let the house go',
    'stopped {activity}',
    'been snapping at {person}',
    'been struggling {daytime}',
  ],
  trait: ['worrier', 'people pleaser', 'perfectionist', 'quiet one', 'coper'],
  chore: ['washing', 'post', 'hoovering', 'ironing', 'food shopping', 'spare room'],
  practical: [
    'the rent going up',
    'the car needing an MOT',
    'a letter from the council I have not opened',
    'childcare over half term',
    'the overdraft',
  ],
  object: ['front door', 'hob', 'back door', 'car', 'windows', 'iron'],
  booking: [
    'Yes, {day} works. {Clock} is fine.',
    'Could we make it a bit later? I am {daytime} until lunchtime.',
    'That is fine. I will put {day} in the calendar now.',
    '{Day} is good. Thanks.',
  ],
  closing: [
    'Thanks, I will. See you on {day}.',
    'Will do. Thank you for today[| so much].',
    'OK. Thanks, [this has helped|today helped] with {lay}.',
    'Thank you. [Bye for now.|Speak soon.] I will message if {situation} gets bad.',
    'Thanks. I will make a start on {day}.',
  ],
};

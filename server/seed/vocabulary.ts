// Made-up, UK-flavoured vocabulary for synthetic records. No real people.

export const GIVEN_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Isabella',
  'Rosie',
  'Sophia',
  'Grace',
  'Freya',
  'Poppy',
  'Evie',
  'Ella',
  'Harriet',
  'Imogen',
  'Niamh',
  'Aisha',
  'Priya',
  'Zara',
  'Megan',
  'Chloe',
  'Bethan',
  'Siobhan',
  'Fatima',
  'Eilidh',
  'Oliver',
  'George',
  'Noah',
  'Arthur',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Henry',
  'Theo',
  'Jack',
  'Alfie',
  'Charlie',
  'Thomas',
  'Rhys',
  'Callum',
  'Dylan',
  'Finley',
  'Mohammed',
  'Ibrahim',
  'Hamish',
  'Owen',
  'Kieran',
  'Rory',
  'Samuel',
  'Tariq',
] as const;

export const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Robinson',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Hughes',
  'Edwards',
  'Khan',
  'Lewis',
  'Harris',
  'Turner',
  'Hill',
  'Cooper',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Begum',
  'Ahmed',
  'Singh',
] as const;

/** Problem descriptor, weight, and the ADSM that replaces GAD-7 for it (if any). */
export const PROBLEM_DESCRIPTORS = [
  ['Depression', 30, null],
  ['Generalised anxiety disorder', 24, null],
  ['Mixed anxiety and depressive disorder', 14, null],
  ['Panic disorder', 7, 'PDSS'],
  ['Social anxiety disorder', 6, 'SPIN'],
  ['Obsessive-compulsive disorder', 5, 'OCI'],
  ['Post-traumatic stress disorder', 5, 'PCL5'],
  ['Health anxiety', 4, 'HAI'],
  ['Specific phobia', 3, null],
  ['Insomnia', 2, null],
] as const;

/** A patient's message and the therapist's answer. */
export const EXCHANGES: readonly (readonly [inbound: string, reply: string])[] = [
  [
    'Hi, I need to move our appointment next week, is Thursday possible?',
    'Thanks for letting me know. Thursday at 10:00 is free, shall I book it?',
  ],
  [
    'I tried the homework but got stuck on the second column, can you explain again?',
    'Of course. In the second column write the thought you had, word for word, before you judge it.',
  ],
  [
    'Just letting you know I completed the diary this week.',
    'Well done for keeping it up. Bring it to our next session and we will look at it together.',
  ],
  [
    'I have had a difficult few days. Is there anything I can do before our session?',
    'I am sorry to hear that. Try the grounding exercise we practised, and call 111 or 999 if you feel unsafe.',
  ],
  [
    'Could you resend the link to the worksheet please?',
    'Here is the worksheet link again. Let me know if it does not open.',
  ],
  [
    'Thanks for the session yesterday, it helped.',
    'Thank you for saying so. Good luck with the experiment this week.',
  ],
  [
    'I did the experiment at the shop and stayed the whole time!',
    'That is a real achievement. Note what you predicted and what happened, and we will go through it.',
  ],
  [
    'Is it normal to feel worse after starting the exposure work?',
    'Yes, that is common at first and usually settles. Keep going at the pace we agreed, and we will talk it through.',
  ],
  [
    'I might be a few minutes late on Tuesday, I have a work call.',
    'No problem, just log on when you can. We will use the time we have.',
  ],
  [
    'My sleep has been terrible again this week.',
    'Thanks for telling me. Keep the sleep diary going and we will look at the pattern on Thursday.',
  ],
  [
    'Can I do the questionnaires before the session? I am on my phone.',
    'Yes, the link works on a phone. Fill them in whenever suits you before we start.',
  ],
  [
    'I could not do the activity plan, work was crazy.',
    'That is OK. We will look at what got in the way and make the plan more realistic.',
  ],
];

/** The therapist's own messages between sessions. */
export const CHECK_INS = [
  'Hello, just checking in between sessions. How is the activity plan going?',
  'A reminder that our next session is booked. The questionnaire link is in your portal.',
  'Here is the worksheet we talked about. Have a go before we next meet.',
  'How did the experiment go? No need for detail, we will go through it next time.',
  'Just a quick note to see how this week is going. Reply if anything comes up.',
  'Thanks for your work in the session. The summary of what we agreed is attached.',
] as const;

/** Messages from patients (the last one of a thread still waiting for a reply, and the live demo's). */
export const INBOUND_MESSAGES = [
  'Hi, I need to move our appointment next week, is Thursday possible?',
  'I tried the homework but got stuck on the second column, can you explain again?',
  'Just letting you know I completed the diary this week.',
  'I have had a difficult few days. Is there anything I can do before our session?',
  'Could you resend the link to the worksheet please?',
  'Thanks for the session yesterday, it helped.',
  'I am not sure the exposure plan is working, can we talk about it next time?',
  'Can we do a shorter session this week? I have an appointment at the hospital.',
  'I had a panic attack on the bus on Monday but stayed on until my stop.',
  'I have been feeling a lot lower since the weekend.',
] as const;

export const SESSION_NOTES = [
  'Session {n}: reviewed homework (activity diary mostly completed); worked on {problem} formulation; homework agreed.',
  'Session {n}: scores discussed; thought record on a recent episode; balanced thought rated. Experiment planned for the week.',
  'Session {n}: homework partly done; explored barriers and set a cue. Continued behavioural activation; next session in two weeks.',
  'Session {n}: reviewed exposure hierarchy; patient completed step 2 and rated anxiety falling. Next step agreed.',
  'Session {n}: worry time and problem solving introduced; patient engaged well. No risk disclosed.',
  'Session {n}: relapse prevention begun; blueprint started. Patient reports improved sleep and mood.',
] as const;

export const DNA_NOTES = [
  'Did not attend session {n}. Message sent to rebook; no risk concerns known.',
  'Session {n} not attended, no contact. Two attempts to reach the patient; letter sent offering a new appointment.',
] as const;

export const ASSESSMENT_NOTES = [
  'Assessment: presenting problem {problem}; history, risk and goals discussed. Suitable for treatment; plan agreed.',
  'Assessment completed. Main difficulty {problem}; no current risk; baseline measures taken. Treatment options explained.',
] as const;

export const ASSESSMENT_LETTERS = [
  'Dear Dr, I assessed your patient for {problem}. They are suitable for typed CBT and we have agreed a treatment plan.',
  'Dear Dr, thank you for the referral. At assessment the main problem was {problem}; we will offer a course of CBT.',
] as const;

export const DISCHARGE_LETTERS = [
  'Dear Dr, your patient has completed a course of CBT for {problem} and has been discharged with a relapse prevention plan.',
  'Dear Dr, we have ended treatment for {problem}. Final scores and a summary of the work are attached.',
] as const;

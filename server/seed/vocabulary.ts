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

/** What a session is about (one per transcript). */
export const TOPICS = [
  'work deadlines',
  'sleeping badly',
  'my sister',
  'the school run',
  'money worries',
  'a presentation',
  'the supermarket',
  'my manager',
  'going to the gym',
  'phoning the GP',
  'my flatmate',
  'seeing friends',
  'the bus journey',
  'my mum',
  'the team meeting',
  'my driving lessons',
  'the hospital appointment',
  'emails piling up',
  'the kids’ bedtime',
  'my neighbour',
  'a job interview',
  'the housework',
  'my exams',
  'going back to work',
  'the family WhatsApp group',
  'cooking for myself',
  'my partner’s family',
  'the dentist',
] as const;

/** Fillers picked afresh for each line (the topic stays the session's). */
export const FILLERS: Record<string, readonly string[]> = {
  activity: [
    'a walk round the park',
    'calling a friend',
    'cooking a proper meal',
    'twenty minutes of gardening',
    'going to the library',
    'a swim',
    'sorting one drawer',
    'playing guitar',
    'a coffee with my brother',
    'taking the dog out',
    'a bath before bed',
    'the crossword',
  ],
  feeling: [
    'anxious',
    'low',
    'on edge',
    'flat',
    'irritable',
    'tearful',
    'tense',
    'guilty',
    'ashamed',
    'exhausted',
  ],
  thought: [
    'I am going to mess this up',
    'everyone will think I am useless',
    'I should be coping better than this',
    'something bad is going to happen',
    'there is no point trying',
    'they are only being nice because they have to',
    'if I relax I will lose control',
    'I will never get back to how I was',
    'I am letting everyone down',
    'I cannot cope with one more thing',
  ],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  percent: ['30', '40', '50', '60', '70', '75', '80', '85', '90', '95'],
  body: [
    'my heart racing',
    'a tight chest',
    'feeling sick',
    'shaky hands',
    'a knot in my stomach',
    'going hot',
    'a headache',
    'my mind going blank',
  ],
  safety: [
    'keeping my phone in my hand',
    'rehearsing what to say',
    'leaving early',
    'not making eye contact',
    'checking everything twice',
    'asking for reassurance',
    'sitting near the door',
  ],
};

type Exchange = readonly [therapist: string, patient: string];

/**
 * The shape of a typed CBT session (agenda, homework review, intervention, summary, homework),
 * each part a bank of exchanges drawn in a fresh order for every transcript. Made up.
 */
export const SESSION_PHASES: readonly {
  name: string;
  share: number;
  exchanges: readonly Exchange[];
}[] = [
  {
    name: 'agenda',
    share: 0.1,
    exchanges: [
      [
        'Hello {name}, thanks for logging on. How has your week been?',
        'Up and down really. Better than last week I think.',
      ],
      [
        'Hi {name}. Before we start, how are you feeling today, right now?',
        'A bit {feeling} if I am honest. It has been a long day.',
      ],
      [
        'Shall we set an agenda? I had in mind reviewing the homework, then looking at {topic}.',
        'That sounds fine. Could we leave some time at the end for {topic}?',
      ],
      [
        'Could you complete your questionnaires before we go on?',
        'Done, I filled them in just now.',
      ],
      [
        'Your scores are a little lower than last time. Does that match how the fortnight felt?',
        'Yes, I think so. {day} was a good day.',
      ],
      [
        'Is there anything that has happened since we last spoke that we should put on the agenda?',
        'Not really, apart from {topic} coming up again.',
      ],
      [
        'How much time would you like to give to {topic} today?',
        'Maybe half the session? It has been on my mind most.',
      ],
      [
        'Before anything else: have you had any thoughts of harming yourself since we last spoke?',
        'No, nothing like that this week.',
      ],
      [
        'Your scores have gone up a bit since last time. What do you make of that?',
        'It has been a harder fortnight, mostly because of {topic}.',
      ],
    ],
  },
  {
    name: 'homework review',
    share: 0.2,
    exchanges: [
      [
        'How did you get on with the activity diary?',
        'I managed most days. I noticed I felt worse on the days I stayed in.',
      ],
      [
        'What did you notice about your mood after {activity}?',
        'A bit lighter, even though I did not want to go beforehand.',
      ],
      [
        'What got in the way on the days you did not fill it in?',
        'Honestly I forgot, and then I felt guilty about forgetting.',
      ],
      [
        'That happens to a lot of people. Could we find a cue that would remind you?',
        'Maybe after I brush my teeth at night. I do that every day.',
      ],
      [
        'You rated your mood {percent} out of 100 on {day}. What was happening then?',
        'That was after {activity}. I had not expected it to help that much.',
      ],
      [
        'How did the experiment with {topic} go?',
        'I did it on {day}. I was {feeling} beforehand but it went better than I predicted.',
      ],
      [
        'What did you predict would happen, and what actually happened?',
        'I thought {thought}. In the end nobody seemed to notice anything.',
      ],
      [
        'Did you use any of the things you usually do to feel safe, like {safety}?',
        'A little, at the start. I stopped halfway through.',
      ],
      [
        'How many nights did you keep to the new bedtime?',
        'Four out of seven. The weekend was harder.',
      ],
      [
        'Which part of the worksheet was hardest?',
        'Finding evidence against the thought. My mind kept going blank.',
      ],
      [
        'What did you learn from doing it?',
        'That the worry before is worse than the thing itself.',
      ],
      [
        'How much do you believe the thought now, compared with before the task?',
        'Before it was about {percent}. Now maybe a bit less.',
      ],
    ],
  },
  {
    name: 'intervention',
    share: 0.5,
    exchanges: [
      [
        'Let us look at a recent moment when you felt {feeling} about {topic}. Where were you?',
        'At home on {day} evening, trying to get things ready.',
      ],
      ['What was going through your mind at that moment?', 'I kept thinking {thought}.'],
      [
        'How much did you believe that thought at the time, from 0 to 100?',
        'About {percent} at the time. Less now.',
      ],
      ['What did you notice in your body?', '{body}, and I could not sit still.'],
      [
        'And what did you do next?',
        'I went to my room and put it off. I told myself I would do it later.',
      ],
      [
        'What is the evidence that supports the thought?',
        'I made a mistake last month and someone noticed.',
      ],
      [
        'And what is the evidence that does not fit with it?',
        'Nobody said anything about it afterwards, and I have done it fine many times.',
      ],
      [
        'If a friend had that thought, what would you say to them?',
        'That one mistake does not mean they cannot cope.',
      ],
      [
        'Is there another way of looking at what happened?',
        'Maybe they were busy, and it was not about me at all.',
      ],
      [
        'What would be a more balanced thought?',
        'It is hard at the moment, but I have got through harder things than {topic}.',
      ],
      [
        'How much do you believe that balanced thought?',
        'Maybe {percent}. It feels truer when I write it down.',
      ],
      [
        'It sounds as though avoiding {topic} keeps the worry going. Does that fit for you?',
        'Yes, when I put it off the worry just grows.',
      ],
      [
        'Shall we draw out the cycle: the situation, the thought, the feeling and what you did?',
        'OK. The situation was {topic}, the thought was that {thought}.',
      ],
      [
        'What happens to the anxiety if you stay in the situation rather than leave?',
        'I suppose it comes down eventually. I never usually wait to find out.',
      ],
      [
        'What do you do to stop the worst from happening, like {safety}?',
        'All the time. I did not realise how much until now.',
      ],
      [
        'What might happen if you dropped that, just once, as an experiment?',
        'I think I would panic. But I do not actually know.',
      ],
      [
        'How would it be to try that as an experiment this week?',
        'Scary, but I think I could try it with {topic}.',
      ],
      [
        'What do you predict will happen, and how would we know?',
        'I predict I will have to leave. We would know if I stayed.',
      ],
      [
        'What could get in the way of trying it?',
        'Being tired. If I try it on {day} morning I am fresher.',
      ],
      [
        'Let us plan some activities for the week. What used to give you a sense of achievement?',
        'Cooking, and {activity}. I have not done either for ages.',
      ],
      [
        'What would be a small, realistic first step?',
        'Maybe {activity} on {day}, just for ten minutes.',
      ],
      [
        'On a scale of 0 to 10, how confident are you that you could do that?',
        'About a 6. Higher if I put it in my phone.',
      ],
      [
        'How does your worry about {topic} usually start?',
        'With a what-if. Then another one, and then I cannot sleep.',
      ],
      [
        'Is that a worry you can do something about now, or a hypothetical one?',
        'Hypothetical mostly. There is nothing I can do at midnight.',
      ],
      [
        'What if you wrote it down and put it aside for a worry time tomorrow?',
        'I could try. It might stop it going round and round.',
      ],
      [
        'When you feel {feeling}, what tends to help, even a little?',
        '{activity}, usually. Or talking to my sister.',
      ],
      [
        'I notice you wrote “should” quite a lot there. What do you make of that?',
        'I hold myself to a higher standard than anyone else, I think.',
      ],
      [
        'What would you say is the cost of that rule for you?',
        'I never feel like I have done enough, so I never rest.',
      ],
      [
        'Can you remember a time when {topic} went well?',
        'Last spring, actually. I was less {feeling} then.',
      ],
      ['What was different about you then?', 'I was sleeping better and seeing people more.'],
      [
        'How are you feeling as we talk about this?',
        'A bit {feeling}, but it helps to see it written down.',
      ],
      [
        'Shall we look at the problem-solving steps for {topic}?',
        'Yes. I think the first step is just to define the problem.',
      ],
      [
        'List every possible solution, even the silly ones. What comes to mind?',
        'Ask for help, do it in stages, or just leave it. And {activity}, as a break.',
      ],
      [
        'Which of those has the best balance of pros and cons?',
        'Doing it in stages. I could start on {day}.',
      ],
    ],
  },
  {
    name: 'summary',
    share: 0.1,
    exchanges: [
      [
        'Can you summarise what you are taking away from today?',
        'That the thought feels true but the evidence is more mixed.',
      ],
      [
        'How have you found today’s session?',
        'Helpful. It is easier typing it out than saying it.',
      ],
      [
        'Was there anything I said today that did not sit right with you?',
        'No, although the experiment feels like a big step.',
      ],
      [
        'What was the most useful part for you?',
        'Drawing out the cycle. I can see how the avoidance keeps it going.',
      ],
      [
        'What would you like to remember from today, in one sentence?',
        'Avoiding {topic} makes it bigger, facing it makes it smaller.',
      ],
      [
        'Let us check your mood again now, 0 to 100.',
        'About {percent}, which is better than when we started.',
      ],
    ],
  },
  {
    name: 'homework setting',
    share: 0.1,
    exchanges: [
      [
        'For homework, would you try the experiment with {topic} and note what happens?',
        'Yes, I will write it down on the sheet.',
      ],
      [
        'Could you keep the thought record going, one entry a day?',
        'I will try. I will do it on my phone so I do not forget.',
      ],
      [
        'Would you plan {activity} for {day} and rate your mood before and after?',
        'Yes, I can do that.',
      ],
      [
        'I will send you the worksheet through the messages. Is there anything unclear about it?',
        'No, I think I understand what to do.',
      ],
      [
        'Let us book our next session. Does the same time in two weeks work?',
        'That works. Thank you.',
      ],
      [
        'Remember you can message me between sessions if anything comes up.',
        'Thanks, I will. See you in two weeks.',
      ],
    ],
  },
];

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

/** Words typed into transcript search by the benchmarks and the scaling proof. */
export const SEARCH_WORDS = [
  'homework',
  'anxious',
  'sleep',
  'thoughts',
  'week',
  'breathing',
  'agenda',
  'worry',
  'mood',
  'panic',
] as const;

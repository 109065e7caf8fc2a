import { describe, expect, it } from 'vitest';
import { episodePhase, type EpisodeStatus } from '../../../shared/clinical';

const assessment = (outcome: string | null) => ({ kind: 'assessment' as const, outcome });
const treatment = (outcome: string | null) => ({ kind: 'treatment' as const, outcome });

describe('episodePhase: the status as the facts show it', () => {
  it.each<[string, EpisodeStatus, Parameters<typeof episodePhase>[1], string]>([
    ['no assessment yet', 'awaiting_assessment', [], 'awaiting assessment'],
    ['assessment booked', 'awaiting_assessment', [assessment(null)], 'awaiting assessment'],
    ['assessment missed', 'awaiting_assessment', [assessment('dna')], 'awaiting assessment'],
    [
      'assessment attended',
      'awaiting_assessment',
      [assessment('attended')],
      'assessed, in treatment',
    ],
    [
      'a treatment session is no assessment',
      'awaiting_assessment',
      [treatment('attended')],
      'awaiting assessment',
    ],
    ['in treatment stays so', 'in_treatment', [assessment('attended')], 'assessed, in treatment'],
    [
      'discharged stays so',
      'discharged_recovered',
      [assessment('attended')],
      'discharged, recovered',
    ],
    ['not recovered', 'discharged_non_recovered', [], 'discharged, not recovered'],
    ['referred back', 'referred_back', [], 'referred back to the service'],
    ['stepped up', 'stepped_up', [], 'stepped up'],
    ['stepped down', 'stepped_down', [], 'stepped down'],
  ])('%s', (_label, status, appointments, words) => {
    expect(episodePhase(status, appointments).words).toBe(words);
  });
});

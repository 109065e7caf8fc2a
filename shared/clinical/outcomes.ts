import type { ServiceConfig } from './config';
import type { Appointment, Episode, MeasureRecord } from './facts';
import { summariseEpisodeAppointments, compareIds } from './appointments';
import type { ReliableChange } from './measures';
import { reliableChange, scoreAdsm, scoreGad7, scorePhq9, scoreWsas } from './measures';
import { instantToMillis } from './time';

export interface AnxietyMeasure {
  /** "gad7" or the ADSM id. */
  id: string;
  name: string;
  caseness: number;
  reliableChange: number;
}

/** GAD-7, unless a configured ADSM lists the episode's problem descriptor. */
export function anxietyMeasureFor(episode: Episode, config: ServiceConfig): AnxietyMeasure {
  const descriptor = episode.problemDescriptor;
  const adsm =
    descriptor === undefined
      ? undefined
      : config.measures.adsm.find((a) => a.problemDescriptors.includes(descriptor));
  if (adsm !== undefined) {
    return {
      id: adsm.id,
      name: adsm.name,
      caseness: adsm.caseness,
      reliableChange: adsm.reliableChange,
    };
  }
  return { id: 'gad7', name: 'GAD-7', ...config.measures.gad7 };
}

export interface PairedScore {
  appointmentId: string;
  takenAt: string;
  depression: number;
  anxiety: number;
}

export interface RiskFlag {
  measureRecordId: string;
  appointmentId: string;
  takenAt: string;
  item9: number;
}

export type OutcomeStatus = 'not_finished_treatment' | 'too_few_paired_scores' | 'assessed';

export interface EpisodeOutcome {
  episodeId: string;
  anxietyMeasure: AnxietyMeasure;
  treatmentSessionsAttended: number;
  finishedTreatment: boolean;
  pairedScores: PairedScore[];
  status: OutcomeStatus;
  /** The fields below are null unless status is "assessed". */
  atCasenessAtStart: boolean | null;
  depressionChange: ReliableChange | null;
  anxietyChange: ReliableChange | null;
  /** Null also when not at caseness at the start (not in the recovery denominator). */
  recovered: boolean | null;
  reliablyImproved: boolean | null;
  reliablyDeteriorated: boolean | null;
  reliablyRecovered: boolean | null;
  riskFlags: RiskFlag[];
}

/** PHQ-9 records with item 9 above 0 (records of other measures are ignored). */
export function phq9RiskFlags(
  records: readonly MeasureRecord[],
  config: ServiceConfig,
): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const r of records) {
    if (r.measure !== 'phq9') continue;
    const score = scorePhq9(r.items, config);
    if (score.riskFlag) {
      flags.push({
        measureRecordId: r.id,
        appointmentId: r.appointmentId,
        takenAt: r.takenAt,
        item9: score.item9,
      });
    }
  }
  return flags;
}

function byTakenAt(a: { takenAt: string; id: string }, b: { takenAt: string; id: string }): number {
  return instantToMillis(a.takenAt) - instantToMillis(b.takenAt) || compareIds(a.id, b.id);
}

/**
 * Scores of one session: PHQ-9 and the anxiety measure from the same appointment. Every
 * record is scored (so invalid input throws); a repeated measure keeps the latest record.
 */
function pairScores(
  records: readonly MeasureRecord[],
  anxiety: AnxietyMeasure,
  config: ServiceConfig,
): PairedScore[] {
  const sessions = new Map<string, { takenAt: string; depression?: number; anxiety?: number }>();
  for (const r of [...records].sort(byTakenAt)) {
    const session = sessions.get(r.appointmentId) ?? { takenAt: r.takenAt };
    switch (r.measure) {
      case 'phq9':
        session.depression = scorePhq9(r.items, config).total;
        break;
      case 'gad7': {
        const total = scoreGad7(r.items, config).total;
        if (anxiety.id === 'gad7') session.anxiety = total;
        break;
      }
      case 'wsas':
        scoreWsas(r.items); // not part of the outcome, but never let a bad record pass
        break;
      case 'adsm': {
        const total = scoreAdsm(r.adsmId, r.total, config).total;
        if (anxiety.id === r.adsmId) session.anxiety = total;
        break;
      }
    }
    sessions.set(r.appointmentId, session);
  }
  const pairs: PairedScore[] = [];
  for (const [appointmentId, s] of sessions) {
    if (s.depression === undefined || s.anxiety === undefined) continue;
    pairs.push({ appointmentId, takenAt: s.takenAt, depression: s.depression, anxiety: s.anxiety });
  }
  return pairs;
}

/**
 * Per-episode outcome (docs/domain.md): finished treatment = at least
 * `finishedTreatmentMinSessions` attended treatment sessions; recovery, reliable
 * improvement, deterioration and recovery compare the first and last paired scores.
 */
export function episodeOutcome(
  episode: Episode,
  appointments: readonly Appointment[],
  records: readonly MeasureRecord[],
  config: ServiceConfig,
): EpisodeOutcome {
  const anxiety = anxietyMeasureFor(episode, config);
  const own = records.filter((r) => r.episodeId === episode.id);
  const pairs = pairScores(own, anxiety, config);
  const attended = summariseEpisodeAppointments(
    episode.id,
    appointments,
    config,
  ).treatmentSessionsAttended;
  const finished = attended >= config.sessions.finishedTreatmentMinSessions;
  const base: EpisodeOutcome = {
    episodeId: episode.id,
    anxietyMeasure: anxiety,
    treatmentSessionsAttended: attended,
    finishedTreatment: finished,
    pairedScores: pairs,
    status: !finished
      ? 'not_finished_treatment'
      : pairs.length < 2
        ? 'too_few_paired_scores'
        : 'assessed',
    atCasenessAtStart: null,
    depressionChange: null,
    anxietyChange: null,
    recovered: null,
    reliablyImproved: null,
    reliablyDeteriorated: null,
    reliablyRecovered: null,
    riskFlags: phq9RiskFlags(own, config),
  };
  if (base.status !== 'assessed') return base;
  const first = pairs[0] as PairedScore;
  const last = pairs[pairs.length - 1] as PairedScore;

  const phq9 = config.measures.phq9;
  const atCaseness = first.depression >= phq9.caseness || first.anxiety >= anxiety.caseness;
  const belowAtEnd = last.depression < phq9.caseness && last.anxiety < anxiety.caseness;
  const depressionChange = reliableChange(first.depression, last.depression, phq9.reliableChange);
  const anxietyChange = reliableChange(first.anxiety, last.anxiety, anxiety.reliableChange);
  const changes = [depressionChange, anxietyChange];
  const improved = changes.includes('improved') && !changes.includes('deteriorated');
  const deteriorated = changes.includes('deteriorated') && !changes.includes('improved');
  const recovered = atCaseness ? belowAtEnd : null;
  return {
    ...base,
    atCasenessAtStart: atCaseness,
    depressionChange,
    anxietyChange,
    recovered,
    reliablyImproved: improved,
    reliablyDeteriorated: deteriorated,
    reliablyRecovered: recovered === null ? null : recovered && improved,
  };
}

import type { ServiceConfig } from './config';
import type { ClinicalFacts } from './facts';
import type { Deadline } from './deadline';
import { deadlineContext } from './deadline';
import { contactGapDeadlines, messageReplyDeadlines } from './deadlines-contact';
import { clinicalNoteDeadlines } from './deadlines-notes';
import {
  caseReviewDeadlines,
  newPatientTicketDeadlines,
  sessionExtensionDeadlines,
} from './deadlines-supervision';
import {
  episodeEndTicketDeadlines,
  riskTicketDeadlines,
  step3ReviewDeadlines,
} from './deadlines-tickets';
import { compareIds } from './appointments';
import type { Instant } from './time';
import { instantToMillis } from './time';

export interface DeadlineOptions {
  /** The device's zone: sentences read UK time, with the device's reading beside it when different. */
  deviceZone?: string;
  /** Leave out deadlines completed before this instant (keeps a long history cheap). */
  omitDoneBefore?: Instant;
}

/**
 * Every deadline the facts imply, as of `now` (a server-corrected UTC instant), sorted by
 * due instant then id.
 */
export function computeDeadlines(
  facts: ClinicalFacts,
  config: ServiceConfig,
  now: Instant,
  options: DeadlineOptions = {},
): Deadline[] {
  const ctx = deadlineContext(
    facts.patients,
    config,
    instantToMillis(now),
    options.deviceZone,
    options.omitDoneBefore === undefined ? undefined : instantToMillis(options.omitDoneBefore),
  );
  const all = [
    ...messageReplyDeadlines(facts.messages, ctx),
    ...contactGapDeadlines(facts.episodes, facts.messages, facts.appointments, ctx),
    ...clinicalNoteDeadlines(facts.episodes, facts.appointments, facts.notes, ctx),
    ...newPatientTicketDeadlines(facts.episodes, facts.appointments, facts.tickets, ctx),
    ...sessionExtensionDeadlines(facts.episodes, facts.appointments, facts.tickets, ctx),
    ...caseReviewDeadlines(facts.episodes, facts.reviews, facts.tickets, ctx),
    ...riskTicketDeadlines(facts.measures, facts.tickets, ctx),
    ...episodeEndTicketDeadlines(facts.episodes, facts.tickets, ctx),
    ...step3ReviewDeadlines(facts.episodes, facts.appointments, facts.tickets, ctx),
  ];
  // decorate-sort: parse each instant once, not once per comparison
  return all
    .map((d) => ({ d, dueMs: instantToMillis(d.dueAt) }))
    .sort((a, b) => a.dueMs - b.dueMs || compareIds(a.d.id, b.d.id))
    .map(({ d }) => d);
}

/** Open deadlines (not done), most urgent first. */
export function openDeadlines(deadlines: readonly Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.state !== 'done');
}

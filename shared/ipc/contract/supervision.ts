import { z } from 'zod';
import { TicketType } from '../../api/entities';
import { TICKET_URGENCY_ORDER } from '../../clinical/supervision';
import { method } from '../define';
import { Id, Instant } from './common';

const Rate = z.number().min(0).max(1).nullable();

export const SupervisorHome = z.strictObject({
  asOf: Instant,
  periodDays: z.int().positive(),
  /** Open tickets across supervisees, most urgent first (shared/clinical byTicketUrgency). */
  tickets: z.array(
    z.strictObject({
      id: Id,
      type: TicketType,
      urgency: z.enum(TICKET_URGENCY_ORDER),
      body: z.string(),
      raisedAt: Instant,
      patientId: Id,
      patientName: z.string(),
      therapistId: Id,
      therapistName: z.string().nullable(),
    }),
  ),
  supervisees: z.array(
    z.strictObject({
      therapistId: Id,
      displayName: z.string(),
      step: z.union([z.literal(2), z.literal(3)]).nullable(),
      activePatients: z.int().min(0),
      caseload: z.strictObject({
        cap: z.int().min(0).nullable(),
        minimum: z.int().min(0).nullable(),
        warnings: z.array(z.string()),
      }),
      /** Case reviews overdue or due within the week ahead (the four-weekly rule). */
      reviewsDue: z.array(
        z.strictObject({
          patientId: Id,
          patientName: z.string(),
          dueAt: Instant,
          state: z.enum(['upcoming', 'due_soon', 'overdue']),
          since: z.enum(['last_review', 'episode_start']),
          sinceAt: Instant,
        }),
      ),
      /** Patients with a PHQ-9 risk flag or reliable deterioration in the open episode. */
      attention: z.array(
        z.strictObject({
          patientId: Id,
          patientName: z.string(),
          riskFlag: z.boolean(),
          reliableDeterioration: z.boolean(),
        }),
      ),
      outcomes: z.strictObject({
        ended: z.int().min(0),
        finishedTreatment: z.int().min(0),
        atCasenessAtStart: z.int().min(0),
        recovered: z.int().min(0),
        recoveryRate: Rate,
        assessed: z.int().min(0),
        reliablyImproved: z.int().min(0),
        reliableImprovementRate: Rate,
        reliablyDeteriorated: z.int().min(0),
      }),
    }),
  ),
});
export type SupervisorHome = z.infer<typeof SupervisorHome>;

export const supervisionContract = {
  home: method(
    z.strictObject({
      /** Outcomes of episodes that ended in the last this many days. */
      periodDays: z.int().min(7).max(730).default(90),
      /** Case reviews falling due within this many days (overdue ones always). */
      reviewWithinDays: z.int().min(0).max(56).default(7),
    }),
    SupervisorHome,
    'Supervisors: what needs attention across supervisees this week (tickets, reviews, risk, caseloads, outcomes).',
  ),
} as const;

/**
 * A supervisor's decision on a ticket. Approving may stand on its own; declining, or asking
 * the therapist for more (advice), must say why, or the therapist cannot act on it.
 */
export type TicketDecision = 'approve' | 'decline' | 'advice';

export const TICKET_DECISION_WORDS: Readonly<Record<TicketDecision, string>> = {
  approve: 'Approved',
  decline: 'Declined',
  advice: 'More asked for (advice)',
};

/** The refusal in words when a decision needs a reason and has none; null when it may stand. */
export function ticketDecisionNeedsReason(decision: TicketDecision, reason: string): string | null {
  if (decision === 'approve' || reason.trim().length > 0) return null;
  return decision === 'decline'
    ? 'A decline needs a reason for the therapist.'
    : 'Asking for more needs a reason: say what the therapist should do.';
}

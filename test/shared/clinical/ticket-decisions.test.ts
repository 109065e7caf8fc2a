import { describe, expect, it } from 'vitest';
import { mutationPayloads } from '../../../shared/api';
import { ticketDecisionNeedsReason } from '../../../shared/clinical';
import { ticketsContract } from '../../../shared/ipc';

const ticketId = '7a0c3d1e-8e3f-4f57-9a55-3c4a5f0a3b11';

describe('a ticket decision needs a reason when it declines or asks for more', () => {
  it('approve may stand alone; decline and advice need words', () => {
    expect(ticketDecisionNeedsReason('approve', '')).toBeNull();
    expect(ticketDecisionNeedsReason('decline', '  ')).toBe(
      'A decline needs a reason for the therapist.',
    );
    expect(ticketDecisionNeedsReason('advice', '')).toMatch(/needs a reason/);
    expect(ticketDecisionNeedsReason('decline', 'Not yet: review the PHQ-9 first.')).toBeNull();
  });

  it('the HTTP and IPC contracts refuse a decline without a reason, on the comment', () => {
    const http = mutationPayloads['ticket.decide'].safeParse({
      ticketId,
      decision: 'decline',
      comment: '',
    });
    expect(http.error?.issues).toMatchObject([
      { path: ['comment'], message: 'A decline needs a reason for the therapist.' },
    ]);
    const ipc = ticketsContract.decide.request.safeParse({
      ticketId,
      decision: 'advice',
      comment: ' ',
    });
    expect(ipc.success).toBe(false);
    expect(
      ticketsContract.decide.request.safeParse({ ticketId, decision: 'approve', comment: '' })
        .success,
    ).toBe(true);
  });
});

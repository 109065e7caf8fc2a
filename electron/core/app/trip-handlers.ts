import { type ClinicianHandlers, RefusedError } from '../../../shared/ipc';
import type { Store } from '../store';
import type { CaseReader } from '../workspace/case-reader';
import type { WorkspaceContext } from '../workspace/context';
import { leaveOn, moveTrip, planLeave } from './leave';
import { superviseeTrips } from './supervisee-trips';
import { sendTripMessages, tripMessages } from './trip-messages';
import { ukDate } from './work-abroad';

/** The location methods answered here rather than by the device session. */
export type TripHandlerName =
  'planLeave' | 'moveTrip' | 'leaveToday' | 'tripMessages' | 'sendTripMessages' | 'superviseeTrips';

/**
 * Leave, new dates, the messages telling patients, and the supervisor's view of trips. A
 * therapist's own plans need only an unlocked store (`ownStore`: readable on the location
 * screen too); whatever names a patient goes through the workspace's gated store.
 */
export function tripHandlers(
  ctx: WorkspaceContext,
  cases: CaseReader,
  ownStore: () => Store,
  reply: (patientId: string, body: string) => { id: string },
): Pick<ClinicianHandlers['location'], TripHandlerName> {
  const who = () => ({ userId: ctx.user().id, now: ctx.now() });
  return {
    planLeave: (plan) => {
      const planned = planLeave(ownStore(), who(), plan);
      ctx.changed(['workAbroadDeclaration'], null, true);
      return planned;
    },
    moveTrip: (move) => {
      moveTrip(ownStore(), who(), move);
      ctx.changed(['workAbroadDeclaration'], null, true);
      return { ok: true as const };
    },
    leaveToday: () => ({ leave: leaveOn(ownStore(), ctx.user().id, ukDate(ctx.now())) }),
    tripMessages: ({ declarationId }) => tripMessages(ctx.store(), ctx.user(), declarationId),
    sendTripMessages: (request) =>
      sendTripMessages(ctx.store(), ctx.user(), request, reply, ctx.now().toISOString()),
    superviseeTrips: () => {
      const me = ctx.user();
      if (me.role !== 'supervisor')
        throw new RefusedError('Supervisees’ trips are shown to supervisors.');
      return superviseeTrips(ctx.store(), me, ctx.now(), cases.snapshot().deadlines);
    },
  };
}

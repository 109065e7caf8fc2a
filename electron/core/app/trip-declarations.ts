import { randomUUID } from 'node:crypto';
import type { EntityData } from '../../../shared/api';
import type { Store } from '../store';

/** The mutations that change a therapist's own trip or leave. */
type DeclarationMutation =
  | { readonly kind: 'workAbroad.declare'; readonly payload: DeclarePayload }
  | { readonly kind: 'leave.declare'; readonly payload: LeavePayload }
  | { readonly kind: 'workAbroad.cancel'; readonly payload: { declarationId: string } }
  | {
      readonly kind: 'workAbroad.reschedule';
      readonly payload: { declarationId: string; from: string; to: string };
    };
type DeclarePayload = { declarationId: string; country: string; from: string; to: string };
type LeavePayload = {
  declarationId: string;
  purpose: 'annual_leave' | 'sick_leave';
  country: string | null;
  from: string;
  to: string;
};

/**
 * A therapist's trip or leave as this device now holds it (pending until the service
 * answers), and the change the service is to make, in one transaction: both or neither. The
 * one place a declaration is written on the device, for planning, cancelling and moving.
 */
export function writeDeclaration(
  store: Store,
  data: EntityData<'workAbroadDeclaration'>,
  mutation: DeclarationMutation,
  at: string,
): void {
  store.applyInTransaction(() => {
    store.records.put('workAbroadDeclaration', {
      id: data.id,
      version: null,
      scope: { kind: 'therapist', therapistId: data.therapistId },
      data,
    });
    store.outbox.enqueue({ mutationId: randomUUID(), ...mutation, createdAt: at });
  });
}

import { randomUUID } from 'node:crypto';
import type { MutationPayload } from '../../../shared/api';
import type { LocationStatus } from '../../../shared/ipc';
import type { Store } from '../store';

/** Seconds since the service issued an attestation (its `iat`); null when none is held or readable. */
export function attestationAgeSeconds(jws: string | null, nowMs: number): number | null {
  const claims = jws?.split('.')[1];
  if (!claims) return null;
  try {
    const { iat } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
      iat?: unknown;
    };
    return typeof iat === 'number' ? Math.max(0, Math.floor(nowMs / 1000 - iat)) : null;
  } catch {
    return null;
  }
}

/** A location decision as the audit event the service keeps (beside the country it observed). */
export function locationDecisionEvent(
  where: LocationStatus,
  context: { readonly attestation: string | null; readonly at: Date },
): MutationPayload<'audit.record'> {
  return {
    eventId: randomUUID(),
    action: 'location_decision',
    patientId: null,
    entityId: null,
    occurredAt: context.at.toISOString(),
    country: where.country,
    location: {
      decision: where.state === 'ok' ? 'allowed' : 'locked',
      why: where.why,
      zone: where.deviceZone.slice(0, 100),
      attestationAgeSeconds: attestationAgeSeconds(context.attestation, context.at.getTime()),
    },
  };
}

/** Queue a location decision for the service (offline too), in one transaction. */
export function recordLocationDecision(
  store: Store,
  where: LocationStatus,
  context: { readonly attestation: string | null; readonly at: Date },
): void {
  const payload = locationDecisionEvent(where, context);
  store.applyInTransaction(() =>
    store.outbox.enqueue({
      mutationId: payload.eventId,
      kind: 'audit.record',
      payload,
      createdAt: context.at.toISOString(),
    }),
  );
}

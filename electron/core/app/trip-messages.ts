import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  leaveDay,
  leaveMessage,
  serviceConfigFromWire,
  tripChecklistOf,
  workingAbroadMessage,
} from '../../../shared/clinical';
import { RefusedError } from '../../../shared/ipc';
import type { PatientTold, PlannedTrip, TripMessages } from '../../../shared/ipc';
import type { Store } from '../store';
import { standingEmergencyContacts, undeliveredMessages } from '../workspace/local-writes';

/**
 * Which message told which patient of a trip or leave: this device's own bookkeeping, kept in
 * the encrypted settings beside the session (ids only, no text), per declaration. The message
 * itself goes like any reply (the outbox, then the service).
 */
const toldKey = (declarationId: string): string => `tripMessages.${declarationId}`;
const ToldLinks = z.record(z.string(), z.string());

export function toldLinks(store: Store, declarationId: string): Record<string, string> {
  const parsed = ToldLinks.safeParse(store.settings.get(toldKey(declarationId)));
  return parsed.success ? parsed.data : {};
}

/**
 * Whether a patient has been told: only a message the service accepted counts (`delivered`);
 * one still in the outbox is `queued`, one refused is `refused` (send it again); no message, or
 * one discarded since, is `not-sent`.
 */
export function patientTold(
  messageId: string | undefined,
  undelivered: ReadonlyMap<string, 'queued' | 'refused'>,
  messageKept: (id: string) => boolean,
): PatientTold {
  if (!messageId) return 'not-sent';
  const waiting = undelivered.get(messageId);
  if (waiting) return waiting;
  return messageKept(messageId) ? 'delivered' : 'not-sent';
}

/** "France" for a country code (en-GB); the code itself when unknown. */
export const countryWords = (code: string): string => {
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Each active patient of the therapist, the message prepared for them, and whether they were told. */
export function tripMessages(
  store: Store,
  me: { readonly id: string; readonly displayName: string },
  declarationId: string,
): TripMessages {
  const trip = store.records.get('workAbroadDeclaration', declarationId);
  if (!trip || trip.data.therapistId !== me.id)
    throw new RefusedError('There is no such planned trip of yours on this computer.');
  const purpose = trip.data.purpose ?? 'working';
  const risk = serviceConfigFromWire(store.records.list('serviceConfig')[0]?.data).urgentRisk;
  const links = toldLinks(store, declarationId);
  const undelivered = undeliveredMessages(store);
  const kept = (id: string) => store.records.get('message', id) !== undefined;
  const patients = store.records
    .list('patient')
    .filter((p) => p.data.therapistId === me.id && p.data.status === 'active')
    .map((p) => {
      const contact = standingEmergencyContacts(store, p.id)[0]?.data ?? null;
      const prepared =
        purpose === 'working'
          ? workingAbroadMessage({
              patientGivenName: p.data.givenName,
              therapistName: me.displayName,
              country: countryWords(trip.data.country ?? ''),
              from: leaveDay(trip.data.from),
              to: leaveDay(trip.data.to),
              contact,
              onCallNumber: risk.onCallNumber,
            })
          : leaveMessage({
              patientGivenName: p.data.givenName,
              therapistName: me.displayName,
              from: leaveDay(trip.data.from),
              to: leaveDay(trip.data.to),
              officeNumber: risk.officeNumber,
              onCallNumber: risk.onCallNumber,
            });
      return {
        patientId: p.id,
        name: `${p.data.givenName} ${p.data.familyName}`,
        prepared,
        told: patientTold(links[p.id], undelivered, kept),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { declarationId, purpose, from: trip.data.from, to: trip.data.to, patients };
}

/**
 * Send the messages the therapist reviewed (and perhaps edited): each one a reply like any
 * other, and the link to its trip, in one transaction — never automatically, never to a
 * patient who is not an active patient of theirs.
 */
export function sendTripMessages(
  store: Store,
  me: { readonly id: string },
  request: { declarationId: string; messages: readonly { patientId: string; body: string }[] },
  reply: (patientId: string, body: string) => { id: string },
  at: string,
): { queued: number } {
  const trip = store.records.get('workAbroadDeclaration', request.declarationId);
  if (!trip || trip.data.therapistId !== me.id)
    throw new RefusedError('There is no such planned trip of yours on this computer.');
  for (const m of request.messages) {
    const patient = store.records.get('patient', m.patientId);
    if (!patient || patient.data.therapistId !== me.id || patient.data.status !== 'active')
      throw new RefusedError('One of these patients is not an active patient of yours.');
  }
  store.applyInTransaction(() => {
    const links = toldLinks(store, request.declarationId);
    const told = request.messages.map((m) => ({
      patientId: m.patientId,
      messageId: reply(m.patientId, m.body).id,
    }));
    for (const t of told) links[t.patientId] = t.messageId;
    store.settings.set(toldKey(request.declarationId), links, at);
    // A working trip's checklist is the supervisor's too: which message told whom goes to the
    // service after the messages themselves (the outbox keeps order).
    if ((trip.data.purpose ?? 'working') === 'working' && told.length > 0)
      store.outbox.enqueue({
        mutationId: randomUUID(),
        kind: 'workAbroad.told',
        payload: { declarationId: request.declarationId, told },
        createdAt: at,
      });
  });
  return { queued: request.messages.length };
}

/**
 * The checklist of a working trip (shared/clinical's rule): each active patient needs a local
 * emergency contact and to have been told by a delivered message; who is missing what, by name.
 */
export function tripChecklist(
  store: Store,
  therapistId: string,
  declarationId: string,
): NonNullable<PlannedTrip['checklist']> {
  const links = toldLinks(store, declarationId);
  const undelivered = undeliveredMessages(store);
  const kept = (id: string) => store.records.get('message', id) !== undefined;
  return tripChecklistOf(
    store.records
      .list('patient')
      .filter((p) => p.data.therapistId === therapistId && p.data.status === 'active')
      .map((p) => ({
        patientId: p.id,
        name: `${p.data.givenName} ${p.data.familyName}`,
        hasContact: standingEmergencyContacts(store, p.id).length > 0,
        told: patientTold(links[p.id], undelivered, kept),
      })),
  );
}

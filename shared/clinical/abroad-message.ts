/**
 * The message a therapist sends each active patient before working abroad (the service asks
 * that each patient is told): prepared from this template for the therapist to read, edit and
 * send; never sent by itself. Dates and the country come already in words.
 */
export interface WorkingAbroadMessageInput {
  readonly patientGivenName: string;
  readonly therapistName: string;
  /** "France" */
  readonly country: string;
  /** "Monday 8 December 2026" */
  readonly from: string;
  readonly to: string;
  /** The patient's local emergency contact, when recorded. */
  readonly contact: {
    readonly name: string;
    readonly phone: string;
    readonly localEmergencyNumber: string;
  } | null;
  /** The service's on-call number, when configured. */
  readonly onCallNumber: string | null;
}

export function workingAbroadMessage(m: WorkingAbroadMessageInput): string {
  const dates = m.from === m.to ? `on ${m.from}` : `from ${m.from} to ${m.to}`;
  const emergency = m.contact
    ? `If you are in immediate danger, call ${m.contact.localEmergencyNumber} (the emergency number where you are), or ${m.contact.name} on ${m.contact.phone}.`
    : 'If you are in immediate danger, call the emergency number where you are.';
  const service = m.onCallNumber ? ` You can also ring the service on ${m.onCallNumber}.` : '';
  return [
    `Dear ${m.patientGivenName},`,
    `${dates.charAt(0).toUpperCase()}${dates.slice(1)} I will be working from ${m.country}. Our sessions and messages carry on as planned.`,
    `While I am abroad I cannot call 999 for you. ${emergency}${service}`,
    `Best wishes,\n${m.therapistName}`,
  ].join('\n\n');
}

/**
 * The message a therapist sends each active patient before leave (the service asks that
 * patients are told where possible): prepared from this template for the therapist to read,
 * edit and send, one by one or all together; never sent by itself. It names only the routes
 * the service's configuration holds (its office and on-call numbers) and 999 for immediate
 * danger: no number is invented.
 */
export interface LeaveMessageInput {
  readonly patientGivenName: string;
  readonly therapistName: string;
  /** "7 December 2026" */
  readonly from: string;
  readonly to: string;
  /** The service's duty line in office hours, when configured. */
  readonly officeNumber: string | null;
  /** The service's on-call line out of hours, when configured. */
  readonly onCallNumber: string | null;
}

export function leaveMessage(m: LeaveMessageInput): string {
  const away = m.from === m.to ? `I am away on ${m.from}` : `I am away from ${m.from} to ${m.to}`;
  const routes = [
    m.officeNumber ? `the service on ${m.officeNumber} in office hours` : null,
    m.onCallNumber ? `the on-call line on ${m.onCallNumber} out of hours` : null,
  ].filter((r): r is string => r !== null);
  const service =
    routes.length > 0
      ? ` If you need help with your treatment while I am away, ring ${routes.join(', or ')}.`
      : '';
  return [
    `Dear ${m.patientGivenName},`,
    `${away}, and I will not be reading or answering messages in that time. I will be in touch when I am back.`,
    `In an emergency, if you are in immediate danger, call 999 or go to A&E.${service}`,
    `Best wishes,\n${m.therapistName}`,
  ].join('\n\n');
}

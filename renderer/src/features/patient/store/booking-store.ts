import { clinician, unwrap } from '../../../bridge';
import { createLiveQuery } from '../../sync/live-query';

/**
 * What the booking form offers: re-read when an appointment, a ticket (an extension approved)
 * or an episode of the patient changes, or this device's outbox moves.
 */
export const useBookingOptionsStore = createLiveQuery({
  entities: ['appointment', 'ticket', 'episode', 'serviceConfig', 'outbox'],
  key: (args: { patientId: string }) => args.patientId,
  patientOf: (args) => args.patientId,
  load: (args: { patientId: string }) => unwrap(clinician().appointments.bookingOptions(args)),
});

/** The measures chart's series: re-read when a score, a session or the thresholds change. */
export const useMeasureChartStore = createLiveQuery({
  entities: ['measure', 'appointment', 'serviceConfig', 'outbox'],
  key: (args: { patientId: string }) => args.patientId,
  patientOf: (args) => args.patientId,
  load: (args: { patientId: string }) => unwrap(clinician().measures.chart(args)),
});

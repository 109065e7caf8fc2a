import { clinician, unwrap } from '../../../bridge';
import { createLiveQuery } from '../../sync/live-query';

/** The facts deadlines are computed from. */
const deadlineFacts = [
  'patient',
  'episode',
  'appointment',
  'message',
  'note',
  'ticket',
  'serviceConfig',
];

export const useDeadlinesStore = createLiveQuery({
  entities: deadlineFacts,
  key: (args: { patientId?: string }) => args.patientId ?? 'all',
  patientOf: (args) => args.patientId,
  load: (args: { patientId?: string }) =>
    unwrap(clinician().deadlines.list(args.patientId ? { patientId: args.patientId } : {})),
});

const loadUpcoming = (args: { from: string; to: string }) =>
  unwrap(clinician().appointments.upcoming(args));

/** A session as Today shows it (with the patient's name and where its sync stands). */
export type TodayAppointment = Awaited<ReturnType<typeof loadUpcoming>>['appointments'][number];

/** Today's and the week's appointments (UK days), for the Today view. */
export const useAppointmentsStore = createLiveQuery({
  entities: ['appointment', 'patient'],
  key: (args: { from: string; to: string }) => `${args.from}/${args.to}`,
  load: loadUpcoming,
});

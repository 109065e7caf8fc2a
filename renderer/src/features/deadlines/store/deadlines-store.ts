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

/** Today's appointments (London day), for the top of the Today view. */
export const useAppointmentsStore = createLiveQuery({
  entities: ['appointment', 'patient'],
  key: (args: { from: string; to: string }) => `${args.from}/${args.to}`,
  load: (args: { from: string; to: string }) => unwrap(clinician().appointments.upcoming(args)),
});

import { clinician, unwrap } from '../../../bridge';
import { createLiveQuery } from '../../sync/live-query';

/** A patient's whole record: any change to one of their facts re-reads it. */
export const usePatientStore = createLiveQuery({
  entities: [
    'patient',
    'episode',
    'appointment',
    'measure',
    'note',
    'ticket',
    'emergencyContact',
    'message',
    'serviceConfig',
    'outbox',
  ],
  key: (args: { patientId: string }) => args.patientId,
  patientOf: (args) => args.patientId,
  load: (args: { patientId: string }) => unwrap(clinician().patients.get(args)),
});

export const useThreadStore = createLiveQuery({
  entities: ['message', 'outbox'],
  key: (args: { patientId: string; limit: number }) => `${args.patientId}/${args.limit}`,
  patientOf: (args) => args.patientId,
  load: (args: { patientId: string; limit: number }) =>
    unwrap(
      clinician().messages.thread({ patientId: args.patientId, before: null, limit: args.limit }),
    ),
});

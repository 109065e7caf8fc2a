import { clinician, unwrap } from '../../../bridge';
import { createLiveQuery } from '../../sync/live-query';

/** Everything a caseload row summarises: a change to any of these can move a row. */
const caseloadEntities = [
  'patient',
  'episode',
  'appointment',
  'message',
  'measure',
  'note',
  'ticket',
  'user',
  'serviceConfig',
  'supervisionAssignment',
] as const;

export interface CaseloadArgs {
  therapistId?: string;
}

export const caseloadKey = (args: CaseloadArgs): string => args.therapistId ?? 'mine';

export const useCaseloadStore = createLiveQuery({
  entities: caseloadEntities,
  key: caseloadKey,
  load: (args: CaseloadArgs) =>
    unwrap(clinician().caseload.list(args.therapistId ? { therapistId: args.therapistId } : {})),
});

export const useTherapistsStore = createLiveQuery({
  entities: ['supervisionAssignment', 'user', 'patient'],
  key: () => 'supervisees',
  load: () => unwrap(clinician().caseload.therapists()),
});

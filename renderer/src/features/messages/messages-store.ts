import { clinician, unwrap } from '../../bridge';
import { createLiveQuery } from '../sync/live-query';

/** The messages work queue: re-read when a message, a reply's delivery or a draft changes. */
export const useMessageQueueStore = createLiveQuery({
  entities: [
    'message',
    'outbox',
    'messageDraft',
    'patient',
    'serviceConfig',
    'workAbroadDeclaration',
  ],
  key: () => 'queue',
  load: () => unwrap(clinician().messages.queue({})),
});

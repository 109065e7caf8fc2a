import { type Dispatcher, fail, type IpcResult } from '../../../shared/ipc';
import { checkSender, type SenderFacts } from './sender-policy';

/**
 * What every IPC call goes through: the sender check, then the dispatcher, which parses
 * the request, calls the core and parses the answer. A compromised renderer gets an
 * error, never a crash of the core.
 */
export function createCheckedHandler(dispatcher: Dispatcher, expectedOrigin?: string) {
  return async (
    event: SenderFacts,
    channel: string,
    request: unknown,
  ): Promise<IpcResult<unknown>> => {
    const sender = checkSender(event, expectedOrigin);
    if (!sender.ok)
      return fail({ code: 'FORBIDDEN_SENDER', message: `Refused: ${sender.reason}.` });
    return dispatcher.dispatch(channel, request);
  };
}

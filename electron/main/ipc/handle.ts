import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatcher } from '../../../shared/ipc';
import { createCheckedHandler } from './checked-handler';

/**
 * The one place the main process touches ipcMain (lint bans it everywhere else): every
 * method of the contract is registered through the checked handler, nothing else is.
 */
export function handleContract(dispatcher: Dispatcher): void {
  const handler = createCheckedHandler(dispatcher);
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown) =>
      handler(event, channel, request),
    );
  }
}

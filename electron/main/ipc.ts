import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../shared/bridge';
import type { Dispatch } from '../core/api/dispatch';
import { APP_ORIGIN, isTrustedSender } from './policy';

/**
 * One IPC channel carries every call as `{ channel, input }`; the core's dispatcher does
 * the schema, role and error handling. Here we only establish who sent it.
 */
export function registerIpc(dispatch: Dispatch, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, message: unknown) => {
    const win = getWindow();
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      frame
        ? {
            url: frame.url,
            isTopFrame: frame.parent === null,
            isAppWindow:
              win !== null &&
              event.sender === win.webContents &&
              frame === win.webContents.mainFrame,
          }
        : null,
      APP_ORIGIN,
    );
    const { channel, input } = (message ?? {}) as { channel?: unknown; input?: unknown };
    return dispatch({ trusted, url: frame?.url ?? '(destroyed frame)' }, channel, input);
  });
}

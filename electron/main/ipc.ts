import { BrowserWindow, ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES as channelNames } from '../../shared/ipc/channels.js';
import { fail, IpcErrorCode } from '../../shared/ipc/result.js';
import type { Core } from '../core/app.js';
import { createDispatcher } from '../core/ipc/dispatch.js';
import { createHandlers } from '../core/ipc/handlers.js';
import { isTrustedSender } from '../core/ipc/sender.js';

/**
 * One ipcMain handler per contract channel. The sender frame is checked before anything else;
 * payload validation and error wrapping happen in core's dispatch, shared with the harness.
 */
export function registerIpc(core: Core, isOwnWindow: (contents: WebContents) => boolean): void {
  const dispatch = createDispatcher(createHandlers(core), core.logger);
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      // Overlay and editor windows share the app's origin but get their own narrow contract only.
      if (isOwnWindow(event.sender) || !isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null })) {
        core.logger.warn(`Refused ${channel} from an untrusted frame (${frame?.url ?? 'gone'}).`);
        return fail(IpcErrorCode.forbiddenSender, 'This page is not allowed to talk to Shotput.');
      }
      return dispatch(channel, payload);
    });
  }
  core.events.onAny((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed() && !isOwnWindow(window.webContents)) window.webContents.send(event, payload);
    }
  });
}

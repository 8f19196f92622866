import { ipcMain, type WebContents } from 'electron';
import type { IpcResult } from '../../shared/ipc/result.js';
import { fail, IpcErrorCode } from '../../shared/ipc/result.js';
import { isTrustedSender } from '../core/ipc/sender.js';
import type { Logger } from '../core/logger.js';

/** A window's session: answers its own contract's channels. */
export interface ChannelSession {
  dispatch(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
}

/**
 * One ipcMain handler per channel of a per-window contract (overlay, editor): a call is answered
 * only for an open window of that kind, from the app's own main frame, by that window's session.
 */
export function routeWindowChannels(
  channels: readonly string[],
  sessionOf: (contents: WebContents) => ChannelSession | undefined,
  refusal: { log: string; message: string },
  logger: Logger,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const session = sessionOf(event.sender);
      const frame = event.senderFrame;
      if (!session || !isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null })) {
        logger.warn(`Refused ${channel} from ${refusal.log}.`);
        return fail(IpcErrorCode.forbiddenSender, refusal.message);
      }
      return session.dispatch(channel, payload);
    });
  }
}

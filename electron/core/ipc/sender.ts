/** The origin the app's windows load from (a privileged custom scheme, see electron/main/protocol.ts). */
export const APP_ORIGIN = 'app://shotput';

/**
 * Whether an IPC message may be handled: only the top frame of a Shotput window showing the
 * app's own pages. Anything else (an iframe, a navigated-away page, devtools extensions) is refused.
 */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined): boolean {
  if (!frame || !frame.isMainFrame) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

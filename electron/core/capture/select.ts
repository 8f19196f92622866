import type { DisplayLayout } from './geometry.js';
import type { CaptureSourceSetting } from './settings.js';
import { commandSource } from './sources/command.js';
import { nodeScreenshotsSource } from './sources/node-screenshots.js';
import { portalSource } from './sources/portal.js';
import { x11AreaGrabber } from './sources/x11-area.js';
import { CaptureErrorCode, captureError, type CaptureChoice, type CaptureSource } from './types.js';

export interface CaptureEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** True inside Electron, where native buffers must be copied. */
  electron: boolean;
  /** capture.source */
  preferred: CaptureSourceSetting;
  /** capture.command ('' when unset) */
  command: string;
  /** Electron's desktopCapturer, given by electron/platform in the app; absent in plain Node. */
  desktopCapturer?: CaptureSource;
  /** The displays as Electron's `screen` knows them, for sources that photograph the whole desktop. */
  layouts?: () => Promise<DisplayLayout[]>;
}

function isWayland(env: CaptureEnvironment['env']): boolean {
  return env['XDG_SESSION_TYPE'] === 'wayland' || Boolean(env['WAYLAND_DISPLAY']);
}

/**
 * Picks the capture source for this desktop, and says why. Nothing is loaded here: a source
 * loads its native module or connects to D-Bus on its first capture.
 */
export function chooseCaptureSource(e: CaptureEnvironment): CaptureChoice {
  const withLayouts = e.layouts ? { layouts: e.layouts } : {};
  const nodeScreenshots = () => nodeScreenshotsSource({ platform: e.platform, copyBuffers: e.electron });
  const desktopCapturer = (why: string): CaptureChoice => {
    if (!e.desktopCapturer) {
      throw captureError(CaptureErrorCode.unavailable, `${why}, and Electron's desktopCapturer exists only inside the Shotput app. Set capture.command to a screenshot command, or capture from the app.`);
    }
    return { source: e.desktopCapturer, reason: why };
  };

  switch (e.preferred) {
    case 'node-screenshots':
      return { source: nodeScreenshots(), reason: 'capture.source is set to node-screenshots' };
    case 'portal':
      return { source: portalSource(withLayouts), reason: 'capture.source is set to portal' };
    case 'desktop-capturer':
      return desktopCapturer('capture.source is set to desktop-capturer');
    case 'command':
      if (!e.command) throw captureError(CaptureErrorCode.unavailable, 'capture.source is set to command, but capture.command is empty. Set it, for example: shotput config set capture.command "grim {file}".');
      return { source: commandSource({ template: e.command, ...withLayouts }), reason: 'capture.source is set to command' };
    case 'auto':
      break;
  }
  if (e.command) return { source: commandSource({ template: e.command, ...withLayouts }), reason: 'capture.command is set, and a set command wins' };
  if (e.platform === 'win32' || e.platform === 'darwin') {
    return { source: nodeScreenshots(), reason: `${e.platform === 'win32' ? 'Windows' : 'macOS'}: node-screenshots reads the screen directly` };
  }
  if (isWayland(e.env)) {
    return {
      source: portalSource(withLayouts),
      reason: `Wayland session (${e.env['WAYLAND_DISPLAY'] ? `WAYLAND_DISPLAY=${e.env['WAYLAND_DISPLAY']}` : 'XDG_SESSION_TYPE=wayland'}): only the desktop portal may read the screen`,
    };
  }
  if (e.env['DISPLAY']) {
    return {
      source: nodeScreenshotsSource({ platform: e.platform, copyBuffers: e.electron, display: e.env['DISPLAY'], area: x11AreaGrabber({ display: e.env['DISPLAY'] }) }),
      reason: `X11 session (DISPLAY=${e.env['DISPLAY']}): node-screenshots reads the X server directly, and a region is read alone over the X protocol (x11)`,
    };
  }
  return desktopCapturer('No X11 (DISPLAY) or Wayland (WAYLAND_DISPLAY) session was found');
}

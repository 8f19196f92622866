/**
 * Screen capture: sources behind one interface (types.ts), chosen at run time (select.ts), used
 * through CaptureService (service.ts); geometry.ts is the leaf holding coordinates and bitmaps.
 */
import type { SettingsService } from '../settings/service.js';
import { chooseCaptureSource, type CaptureEnvironment } from './select.js';
import { CaptureService } from './service.js';
import { CAPTURE_SOURCES, type CaptureSourceSetting } from './settings.js';
import { CaptureErrorCode, captureError } from './types.js';

export type CaptureHost = Pick<CaptureEnvironment, 'env' | 'electron' | 'desktopCapturer' | 'layouts'>;

export function createCaptureService(settings: SettingsService, platform: string, host: CaptureHost | undefined): CaptureService {
  const service = new CaptureService(() => {
    if (!host) throw captureError(CaptureErrorCode.unavailable, 'This Shotput process was started without screen capture.');
    const preferred = settings.getString('capture.source');
    return chooseCaptureSource({
      ...host,
      platform: platform as NodeJS.Platform,
      preferred: (CAPTURE_SOURCES as readonly string[]).includes(preferred) ? (preferred as CaptureSourceSetting) : 'auto',
      command: settings.getString('capture.command').trim(),
    });
  });
  settings.onChange((keys) => {
    if (keys.some((key) => key.startsWith('capture.'))) service.reset();
  });
  return service;
}

export { CaptureService, type CaptureStatus } from './service.js';
export type { CaptureSource, CaptureChoice } from './types.js';

import type { SettingSection } from '../../../shared/settings/fields.js';

export function captureModesSection(): SettingSection {
  return {
    id: 'captureModes',
    title: 'Capture',
    fields: [
      {
        key: 'capture.delay',
        label: 'Delay before capturing (seconds)',
        kind: 'integer',
        default: 0,
        min: 0,
        max: 10,
        help: 'Time to open a menu first; the seconds left show in the tray and a notification.',
      },
      {
        key: 'capture.keepOverlayReady',
        label: 'Keep the region overlay ready',
        kind: 'boolean',
        default: true,
        help: 'One hidden overlay window per display stays loaded (a renderer process each), so the overlay shows as soon as the screen is captured. Off, each region capture loads its overlay first.',
      },
      { key: 'capture.lastRegion', label: 'Last region', kind: 'string', default: '', optional: true, hidden: true },
    ],
  };
}

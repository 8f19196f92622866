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
      { key: 'capture.lastRegion', label: 'Last region', kind: 'string', default: '', optional: true, hidden: true },
    ],
  };
}

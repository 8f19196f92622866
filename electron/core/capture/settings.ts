import type { SettingSection } from '../../../shared/settings/fields.js';

export const CAPTURE_SOURCES = ['auto', 'node-screenshots', 'portal', 'command', 'desktop-capturer'] as const;
export type CaptureSourceSetting = (typeof CAPTURE_SOURCES)[number];

export function captureSection(): SettingSection {
  return {
    id: 'capture',
    title: 'Capture',
    fields: [
      {
        key: 'capture.source',
        label: 'Capture with',
        kind: 'choice',
        default: 'auto',
        choices: [
          { value: 'auto', label: 'Choose for this desktop' },
          { value: 'node-screenshots', label: 'node-screenshots (X11, Windows, macOS)' },
          { value: 'portal', label: 'Desktop portal (Wayland)' },
          { value: 'command', label: 'A screenshot command' },
          { value: 'desktop-capturer', label: "Electron's desktopCapturer (the app only)" },
        ],
        help: 'Automatic picks the desktop portal on Wayland and node-screenshots elsewhere; the screenshot command wins when it is set.',
      },
      {
        key: 'capture.command',
        label: 'Screenshot command',
        kind: 'string',
        default: '',
        optional: true,
        help: 'Run without a shell; {file} is where it must write a PNG. Examples: grim {file} (wlroots), spectacle -b -n -o {file} (KDE), gnome-screenshot -f {file}.',
      },
    ],
  };
}

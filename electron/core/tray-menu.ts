import type { HistoryRecord, QueueJob } from '../../shared/uploads.js';
import { ACTIONS, hotkeySettingKey, type ActionId } from './actions.js';
import { join } from 'node:path';

/** A tray menu as plain data; the platform turns it into the native menu. `run` names what a click does. */
export interface TrayMenuItem {
  label?: string;
  separator?: boolean;
  run?: { action: ActionId } | { copyLink: string } | { openMain: true } | { quit: true };
  accelerator?: string;
  checkbox?: boolean;
  checked?: boolean;
  enabled?: boolean;
  /** A local PNG or WebP shown next to the item where the OS shows menu icons. */
  iconPath?: string;
  toolTip?: string;
  submenu?: TrayMenuItem[];
}

export const RECENT_IN_TRAY = 10;

const CAPTURE_ACTIONS: ActionId[] = ['capture.region', 'capture.screen', 'capture.monitor', 'capture.window', 'capture.lastRegion'];
const UPLOAD_ACTIONS: ActionId[] = ['upload.clipboard', 'upload.file', 'editor.open'];

export interface TrayState {
  recent: HistoryRecord[];
  thumbnailsDir: string;
  hotkeysPaused: boolean;
  accelerator(key: string): string;
}

/** Every capture mode, upload action and the editor, the latest uploads (click copies the link), history, settings, pause, quit. */
export function trayMenu(state: TrayState): TrayMenuItem[] {
  const action = (id: ActionId): TrayMenuItem => {
    const descriptor = ACTIONS.find((a) => a.id === id)!;
    const accelerator = descriptor.noHotkey ? '' : state.accelerator(hotkeySettingKey(id));
    return { label: descriptor.label, run: { action: id }, accelerator: accelerator || undefined };
  };
  const recent: TrayMenuItem[] =
    state.recent.length === 0
      ? [{ label: 'No uploads yet', enabled: false }]
      : state.recent.slice(0, RECENT_IN_TRAY).map((record) => ({
          label: record.fileName,
          run: { copyLink: record.id },
          toolTip: 'Copy the link',
          iconPath: record.thumbnails?.avatar ?? record.thumbnails?.square ? join(state.thumbnailsDir, (record.thumbnails.avatar ?? record.thumbnails.square)!) : undefined,
        }));
  return [
    ...CAPTURE_ACTIONS.map(action),
    { separator: true },
    ...UPLOAD_ACTIONS.map(action),
    { separator: true },
    { label: 'Recent uploads', submenu: recent },
    action('history.open'),
    { label: 'Open Shotput', run: { openMain: true } },
    action('settings.open'),
    { ...action('hotkeys.pause'), checkbox: true, checked: state.hotkeysPaused },
    { separator: true },
    { label: 'Quit Shotput', run: { quit: true } },
  ];
}

/** The tray tooltip: the app's name, and while uploading how far the uploads are. */
export function trayToolTip(jobs: QueueJob[], countdown?: number): string {
  if (countdown !== undefined) return `Shotput: capturing in ${countdown} s`;
  const active = jobs.filter((j) => j.state === 'running' || j.state === 'queued');
  if (active.length === 0) return 'Shotput';
  const sent = active.reduce((n, j) => n + (j.progress?.sent ?? 0), 0);
  const total = active.reduce((n, j) => n + (j.progress?.total ?? j.bytes ?? 0), 0);
  const percent = total > 0 ? ` (${Math.min(100, Math.round((sent / total) * 100))}%)` : '';
  return `Shotput: uploading ${active.length} file${active.length === 1 ? '' : 's'}${percent}`;
}

/** Ids of the user actions (labels and default hotkeys are in electron/core/actions.ts). */
export const ACTION_IDS = [
  'capture.region',
  'capture.screen',
  'capture.monitor',
  'capture.window',
  'capture.lastRegion',
  'upload.clipboard',
  'upload.file',
  'editor.open',
  'history.open',
  'settings.open',
  'hotkeys.pause',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** How one action's global hotkey stands, for Settings (`hotkeys.status`) and the tray. */
export interface HotkeyStatus {
  action: ActionId;
  label: string;
  accelerator: string;
  /** off: no keys set; paused: hotkeys paused by the user; failed: see `reason`. */
  state: 'registered' | 'off' | 'paused' | 'failed' | 'unavailable';
  reason?: string;
}

/**
 * The region overlay's IPC channel names, and nothing else: the overlay's preload imports this
 * file, so it must stay free of zod and of the main window's contract.
 * Payloads and results are declared in ./overlay-contract.ts.
 */
export const OVERLAY_CHANNELS = {
  init: 'overlay.init',
  confirm: 'overlay.confirm',
  cancel: 'overlay.cancel',
  painted: 'overlay.painted',
} as const;

export type OverlayChannelName = (typeof OVERLAY_CHANNELS)[keyof typeof OVERLAY_CHANNELS];

export const overlayChannelNames: readonly OverlayChannelName[] = Object.values(OVERLAY_CHANNELS);

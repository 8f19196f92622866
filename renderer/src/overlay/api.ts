/**
 * The overlay page's only way to main: Electron's overlay preload (window.shotputOverlay), or
 * the harness's WebSocket when the page runs in a browser. Failures become ApiError.
 */
import { OVERLAY_CHANNELS } from '../../../shared/ipc/overlay-channels.js';
import type { OverlayBridge, OverlayInit, OverlayRegion } from '../../../shared/ipc/overlay-contract.js';
import type { IpcResult } from '../../../shared/ipc/result.js';
import { ApiError } from '../api/client.js';
import { connectHarnessSocket } from '../api/websocket-bridge.js';

declare global {
  interface Window {
    shotputOverlay?: OverlayBridge;
  }
}

function harnessBridge(): OverlayBridge {
  const socket = connectHarnessSocket(window.location);
  return {
    init: () => socket.send(OVERLAY_CHANNELS.init, {}) as Promise<IpcResult<OverlayInit>>,
    confirm: (region) => socket.send(OVERLAY_CHANNELS.confirm, region) as Promise<IpcResult<null>>,
    cancel: () => socket.send(OVERLAY_CHANNELS.cancel, {}) as Promise<IpcResult<null>>,
    painted: () => socket.send(OVERLAY_CHANNELS.painted, {}) as Promise<IpcResult<null>>,
  };
}

let bridge: OverlayBridge | undefined;
const getBridge = () => (bridge ??= window.shotputOverlay ?? harnessBridge());

async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const overlayApi = {
  init: () => unwrap(getBridge().init()),
  confirm: (region: OverlayRegion) => unwrap(getBridge().confirm(region)),
  cancel: () => unwrap(getBridge().cancel()),
  painted: () => unwrap(getBridge().painted()),
};

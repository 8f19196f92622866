import { contextBridge, ipcRenderer } from 'electron';
import type { OverlayBridge } from '../../shared/ipc/overlay-contract.js';
import { OVERLAY_CHANNELS } from '../../shared/ipc/overlay-channels.js';

// The region overlay's only way to main: its own channels, nothing of the main window's API.
const bridge: OverlayBridge = {
  init: () => ipcRenderer.invoke(OVERLAY_CHANNELS.init, {}),
  confirm: (region) => ipcRenderer.invoke(OVERLAY_CHANNELS.confirm, region),
  cancel: () => ipcRenderer.invoke(OVERLAY_CHANNELS.cancel, {}),
  painted: () => ipcRenderer.invoke(OVERLAY_CHANNELS.painted, {}),
};

contextBridge.exposeInMainWorld('shotputOverlay', bridge);

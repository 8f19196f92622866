// The main window's preload: channel names only (shared/ipc/channels.ts). Payloads are validated
// in main; nothing here may import the contract's schemas.
import { contextBridge, ipcRenderer } from 'electron';
import type { ChannelFunctions, ShotputBridge } from '../../shared/ipc/api.js';
import type { EventMap } from '../../shared/ipc/contract.js';
import { CHANNEL_NAMES, isEventName, type EventName } from '../../shared/ipc/channels.js';

// One function per contract channel; the renderer never sees ipcRenderer itself.
const invoke = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [channel, (payload: unknown) => ipcRenderer.invoke(channel, payload)]),
) as unknown as ChannelFunctions;

const bridge: ShotputBridge = {
  invoke,
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    if (!isEventName(event)) throw new Error(`Unknown Shotput event ${String(event)}`);
    const wrapped = (_e: Electron.IpcRendererEvent, payload: EventMap[E]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('shotput', bridge);

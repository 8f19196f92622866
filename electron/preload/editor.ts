import { contextBridge, ipcRenderer } from 'electron';
import { isEditorChannel } from '../../shared/ipc/editor-channels.js';

// The editor's only way to main: its own channels, nothing of the main window's API.
contextBridge.exposeInMainWorld('shotputEditor', {
  invoke: (channel: string, payload: unknown) => {
    if (!isEditorChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `There is no editor channel named ${channel}.` } });
    return ipcRenderer.invoke(channel, payload);
  },
});

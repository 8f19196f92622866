import { create } from 'zustand';
import type { CustomUploaderSummary, PendingSxcu, SxcuImportResult } from '../../../shared/sxcu.js';
import { ApiError, call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useSettings } from './settings.js';

export interface CustomUploadersNotice {
  kind: 'info' | 'error';
  text: string;
  /** What was read differently from the file, or still needs a value. */
  details?: string[];
}

interface CustomUploadersState {
  list: CustomUploaderSummary[];
  /** .sxcu files opened with Shotput, waiting for the user's yes or no. */
  pending: PendingSxcu[];
  notice?: CustomUploadersNotice;
  /** A file refused because an uploader of that name exists: the user may replace it. */
  conflict?: { text: string; fileName: string; message: string };
  load(): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  replaceConflicting(): Promise<void>;
  keepExisting(): void;
  remove(id: string): Promise<void>;
  exportFile(id: string): Promise<void>;
  setPending(items: PendingSxcu[]): void;
  confirm(token: string): Promise<void>;
  dismiss(token: string): Promise<void>;
}

function imported(result: SxcuImportResult): CustomUploadersNotice {
  const { uploader } = result;
  const converted = uploader.migratedFrom ? `, converted from the old $…$ syntax of ShareX ${uploader.migratedFrom}` : '';
  return {
    kind: 'info',
    text: `${result.replaced ? 'Replaced' : 'Imported'} ${uploader.name} as ${uploader.id}: ${uploader.kinds}${converted}.`,
    details: result.warnings,
  };
}

/** Saves text as a file through the browser's download (the system's save dialog in the app). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useCustomUploaders = create<CustomUploadersState>((set, get) => {
  /** The list, and the settings (an uploader brings its secret fields and a default-uploader choice). */
  const refresh = async () => {
    set({ list: await call('sxcu.list', {}) });
    await useSettings.getState().reload();
  };
  const importOne = async (text: string, fileName: string, replace: boolean): Promise<CustomUploadersNotice | undefined> => {
    try {
      return imported(await call('sxcu.import', { text, fileName, replace }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'custom_uploader_exists') {
        set({ conflict: { text, fileName, message: err.message } });
        return undefined;
      }
      return { kind: 'error', text: `${messageOf(err)} Nothing was imported.` };
    }
  };
  return {
    list: [],
    pending: [],
    async load() {
      try {
        set({ list: await call('sxcu.list', {}), pending: await call('sxcu.pending', {}) });
      } catch (err) {
        set({ notice: { kind: 'error', text: messageOf(err) } });
      }
    },
    async importFiles(files) {
      set({ conflict: undefined });
      let notice: CustomUploadersNotice | undefined;
      for (const file of files) {
        const result = await importOne(await file.text(), file.name, false);
        if (result) notice = notice ? { ...result, text: `${notice.text} ${result.text}`, details: [...(notice.details ?? []), ...(result.details ?? [])] } : result;
      }
      set({ notice });
      await refresh();
    },
    async replaceConflicting() {
      const conflict = get().conflict;
      if (!conflict) return;
      set({ conflict: undefined, notice: await importOne(conflict.text, conflict.fileName, true) });
      await refresh();
    },
    keepExisting() {
      set({ conflict: undefined, notice: { kind: 'info', text: 'Kept the uploader already imported; nothing changed.' } });
    },
    async remove(id) {
      const name = get().list.find((u) => u.id === id)?.name ?? id;
      try {
        await call('sxcu.remove', { id });
        set({ notice: { kind: 'info', text: `Removed ${name} and its keys.` } });
      } catch (err) {
        set({ notice: { kind: 'error', text: messageOf(err) } });
      }
      await refresh();
    },
    async exportFile(id) {
      try {
        const file = await call('sxcu.export', { id });
        download(file.fileName, file.text);
        const left = file.placeholders.length > 0 ? ` Keys are left out (${file.placeholders.join(', ')}): fill them in, or export with \`shotput export-sxcu ${id} --include-secrets\`.` : '';
        set({ notice: { kind: 'info', text: `Exported ${file.fileName}.${left}` } });
      } catch (err) {
        set({ notice: { kind: 'error', text: messageOf(err) } });
      }
    },
    setPending(items) {
      set({ pending: items });
    },
    async confirm(token) {
      try {
        set({ notice: imported(await call('sxcu.confirm', { token })) });
      } catch (err) {
        set({ notice: { kind: 'error', text: `${messageOf(err)} Nothing was imported.` } });
      }
      await refresh();
    },
    async dismiss(token) {
      await call('sxcu.dismiss', { token }).catch(() => undefined);
    },
  };
});

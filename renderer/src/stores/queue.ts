import { create } from 'zustand';
import type { HistoryRecord, QueueJob } from '../../../shared/uploads.js';
import type { PayloadOf } from '../../../shared/ipc/contract.js';
import { ApiError, call } from '../api/client.js';
import { messageOf, settingOf } from './messages.js';
import { useNavigation } from './navigation.js';
import { useToasts } from './toasts.js';
import { useQuestions, type UploadTarget } from './questions.js';

/** An upload that finished in this window's lifetime: kept in view, with its link, until dismissed. */
export interface FinishedUpload {
  job: QueueJob;
  record?: HistoryRecord;
}

/** An upload's own uploader and options ("Upload with options…"), as the CLI's flags give them. */
export interface ChosenUpload {
  uploaderId: string;
  options: NonNullable<PayloadOf<'queue.addData'>['options']>;
}

/** How many files were queued; `optionError` when the core refused the chosen options (none of the files is queued then). */
export interface AddFilesResult {
  queued: number;
  optionError?: string;
}

interface QueueState {
  jobs: QueueJob[];
  finished: FinishedUpload[];
  dismiss(jobId: string): void;
  dismissFinished(): void;
  copyLink(record: HistoryRecord): Promise<void>;
  /** A line about the last action, for the status region ("2 files queued", or why not). */
  notice?: { kind: 'info' | 'error'; text: string };
  load(): Promise<void>;
  replace(jobs: QueueJob[]): void;
  progress(id: string, sent: number, total: number): void;
  /** Queues files with the default uploader, or with the uploader and options chosen for them. */
  addFiles(files: File[], chosen?: ChosenUpload): Promise<AddFilesResult>;
  addUrl(url: string): Promise<boolean>;
  retry(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  discard(id: string): Promise<void>;
}

/** The core's code for an upload option the chosen host does not take (uploads/upload-options.ts). */
const BAD_OPTION = 'bad_option';

export const useQueue = create<QueueState>((set, get) => {
  /** Where an upload goes, with the answers a custom uploader asks for before anything is queued; undefined if cancelled. */
  const askFirst = (fileName?: string, asked?: Map<string, UploadTarget | null>, uploaderId?: string) =>
    useQuestions.getState().askBeforeUpload({ ...(fileName ? { fileName } : {}), ...(uploaderId ? { uploaderId } : {}) }, asked);
  const routed = (target: UploadTarget, chosen?: ChosenUpload) => {
    const options = { ...chosen?.options, ...(Object.keys(target.answers).length > 0 ? { answers: target.answers } : {}) };
    return { uploaderId: target.uploaderId, ...(Object.keys(options).length > 0 ? { options } : {}) };
  };
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
    }
  };
  return {
    jobs: [],
    finished: [],
    dismiss(jobId) {
      set({ finished: get().finished.filter((f) => f.job.id !== jobId) });
    },
    dismissFinished() {
      set({ finished: [] });
    },
    async copyLink(record) {
      try {
        const { text } = await call('history.copyLink', { id: record.id });
        set({ notice: { kind: 'info', text: `Copied: ${text}` } });
      } catch (err) {
        set({ notice: { kind: 'error', text: messageOf(err) } });
      }
    },
    async load() {
      await act(async () => set({ jobs: await call('queue.list', {}) }));
    },
    replace(jobs) {
      // Keep the last progress we saw: list updates do not carry it.
      const previous = new Map(get().jobs.map((j) => [j.id, j]));
      const next = jobs.map((j) => ({ ...j, progress: j.progress ?? (j.state === 'running' ? previous.get(j.id)?.progress : undefined) }));
      // A done job leaves the core's queue for history; the window keeps it, with its link.
      const known = new Set(get().finished.map((f) => f.job.id));
      const done = [...next, ...previous.values()].filter((j) => j.state === 'done' && j.historyId && !known.has(j.id) && (known.add(j.id), true));
      set({ jobs: next.filter((j) => j.state !== 'done'), finished: [...done.map((job) => ({ job })), ...get().finished] });
      for (const { id, historyId } of done) {
        void call('history.get', { id: historyId! })
          .then((record) => set({ finished: get().finished.map((f) => (f.job.id === id ? { ...f, record: record ?? undefined } : f)) }))
          .catch(() => undefined);
      }
    },
    progress(id, sent, total) {
      set({ jobs: get().jobs.map((j) => (j.id === id ? { ...j, progress: { sent, total } } : j)) });
    },
    async addFiles(files, chosen) {
      const refused: string[] = [];
      let setting: string | undefined;
      const asked = new Map<string, UploadTarget | null>();
      let queued = 0;
      for (const file of files) {
        try {
          const target = await askFirst(file.name, asked, chosen?.uploaderId);
          if (!target) {
            refused.push(`${file.name}: the uploader's questions were not answered.`);
            continue;
          }
          const data = new Uint8Array(await file.arrayBuffer());
          await call('queue.addData', { name: file.name, data, ...routed(target, chosen) });
          queued++;
        } catch (err) {
          if (err instanceof ApiError && err.code === BAD_OPTION) return { queued, optionError: messageOf(err) };
          refused.push(`${file.name}: ${messageOf(err)}`);
          setting ??= settingOf(err);
        }
      }
      if (queued > 0) set({ notice: { kind: 'info', text: `${queued} file${queued === 1 ? '' : 's'} queued.` } });
      if (refused.length > 0) {
        // Each refused file by name, with its reason, where the eye is.
        useToasts.getState().show({
          kind: 'error',
          text: refused.length === 1 ? 'This file was not queued:' : `These ${refused.length} files were not queued:`,
          items: refused,
          action: setting ? { label: 'Open settings', run: () => useNavigation.getState().openSetting(setting!) } : undefined,
        });
        if (queued === 0) set({ notice: { kind: 'error', text: refused.length === 1 ? `Not queued: ${refused[0]}` : `None of the ${refused.length} files was queued.` } });
      }
      return { queued };
    },
    async addUrl(url) {
      try {
        const target = await askFirst();
        if (!target) {
          set({ notice: { kind: 'info', text: `${url} was not queued: the uploader's questions were not answered.` } });
          return false;
        }
        await call('queue.addUrl', { url, ...routed(target) });
        set({ notice: { kind: 'info', text: `Queued ${url}.` } });
        return true;
      } catch (err) {
        set({ notice: { kind: 'error', text: messageOf(err) } });
        return false;
      }
    },
    retry: (id) => act(() => call('queue.retry', { id })),
    cancel: (id) => act(() => call('queue.cancel', { id })),
    discard: (id) => act(() => call('queue.discard', { id })),
  };
});

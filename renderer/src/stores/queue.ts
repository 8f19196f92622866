import { create } from 'zustand';
import type { QueueJob } from '../../../shared/uploads.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useQuestions, type UploadTarget } from './questions.js';

interface QueueState {
  jobs: QueueJob[];
  /** A line about the last action, for the status region ("2 files queued", or why not). */
  notice?: { kind: 'info' | 'error'; text: string };
  load(): Promise<void>;
  replace(jobs: QueueJob[]): void;
  progress(id: string, sent: number, total: number): void;
  addFiles(files: File[]): Promise<void>;
  addUrl(url: string): Promise<boolean>;
  retry(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  discard(id: string): Promise<void>;
}

export const useQueue = create<QueueState>((set, get) => {
  /** Where an upload goes, with the answers a custom uploader asks for before anything is queued; undefined if cancelled. */
  const askFirst = (fileName?: string, asked?: Map<string, UploadTarget | null>) =>
    useQuestions.getState().askBeforeUpload(fileName ? { fileName } : {}, asked);
  const routed = (target: UploadTarget) => ({
    uploaderId: target.uploaderId,
    ...(Object.keys(target.answers).length > 0 ? { options: { answers: target.answers } } : {}),
  });
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
    }
  };
  return {
    jobs: [],
    async load() {
      await act(async () => set({ jobs: await call('queue.list', {}) }));
    },
    replace(jobs) {
      // Keep the last progress we saw: list updates do not carry it.
      const previous = new Map(get().jobs.map((j) => [j.id, j.progress]));
      set({ jobs: jobs.map((j) => ({ ...j, progress: j.progress ?? (j.state === 'running' ? previous.get(j.id) : undefined) })) });
    },
    progress(id, sent, total) {
      set({ jobs: get().jobs.map((j) => (j.id === id ? { ...j, progress: { sent, total } } : j)) });
    },
    async addFiles(files) {
      const refused: string[] = [];
      const asked = new Map<string, UploadTarget | null>();
      let queued = 0;
      for (const file of files) {
        try {
          const target = await askFirst(file.name, asked);
          if (!target) {
            refused.push(`${file.name}: the uploader's questions were not answered.`);
            continue;
          }
          const data = new Uint8Array(await file.arrayBuffer());
          await call('queue.addData', { name: file.name, data, ...routed(target) });
          queued++;
        } catch (err) {
          refused.push(`${file.name}: ${messageOf(err)}`);
        }
      }
      set({
        notice:
          refused.length > 0
            ? { kind: 'error', text: `${queued > 0 ? `${queued} queued. ` : ''}Not queued: ${refused.join(' ')}` }
            : { kind: 'info', text: `${queued} file${queued === 1 ? '' : 's'} queued.` },
      });
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

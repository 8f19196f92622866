import { create } from 'zustand';
import type { QueueJob } from '../../../shared/uploads.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useQuestions } from './questions.js';

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
  /** A custom uploader's questions are asked once, before anything is queued; undefined if cancelled. */
  const askFirst = async () => {
    try {
      const answers = await useQuestions.getState().askBeforeUpload();
      if (!answers) set({ notice: { kind: 'info', text: 'Nothing was queued: the questions were cancelled.' } });
      return answers;
    } catch (err) {
      set({ notice: { kind: 'error', text: messageOf(err) } });
      return undefined;
    }
  };
  const withAnswers = (answers: Record<string, string>) => (Object.keys(answers).length > 0 ? { options: { answers } } : {});
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
      const answers = await askFirst();
      if (!answers) return;
      const refused: string[] = [];
      let queued = 0;
      for (const file of files) {
        try {
          const data = new Uint8Array(await file.arrayBuffer());
          await call('queue.addData', { name: file.name, data, ...withAnswers(answers) });
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
      const answers = await askFirst();
      if (!answers) return false;
      try {
        await call('queue.addUrl', { url, ...withAnswers(answers) });
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

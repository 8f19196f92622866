import { create } from 'zustand';
import type { SxcuQuestion } from '../../../shared/sxcu.js';
import { call } from '../api/client.js';

interface Asking {
  uploaderId?: string;
  questions: SxcuQuestion[];
  resolve(answers: Record<string, string> | undefined): void;
}

interface QuestionsState {
  asking?: Asking;
  /**
   * Asks what the uploader (the default one when none is given) wants to know before an upload.
   * Resolves to the answers, `{}` when it asks nothing, or undefined when the user cancelled.
   */
  askBeforeUpload(uploaderId?: string): Promise<Record<string, string> | undefined>;
  answer(answers: Record<string, string>): void;
  cancel(): void;
}

export const useQuestions = create<QuestionsState>((set, get) => ({
  async askBeforeUpload(uploaderId) {
    const questions = await call('sxcu.questions', uploaderId ? { uploaderId } : {});
    if (questions.length === 0) return {};
    return new Promise((resolve) => set({ asking: { uploaderId, questions, resolve } }));
  },
  answer(answers) {
    get().asking?.resolve(answers);
    set({ asking: undefined });
  },
  cancel() {
    get().asking?.resolve(undefined);
    set({ asking: undefined });
  },
}));

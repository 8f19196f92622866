import { create } from 'zustand';
import type { SxcuQuestion } from '../../../shared/sxcu.js';
import { call } from '../api/client.js';

interface Asking {
  uploaderId: string;
  questions: SxcuQuestion[];
  resolve(answers: Record<string, string> | undefined): void;
}

/** Where an upload goes and the answers its uploader asked for ({} when it asks nothing). */
export interface UploadTarget {
  uploaderId: string;
  answers: Record<string, string>;
}

interface QuestionsState {
  asking?: Asking;
  /**
   * Finds where an upload goes (a file by its name: other files may have their own uploader) and
   * asks what that uploader wants to know first; `asked` keeps the answers (or the refusal) for the
   * rest of a batch, so each uploader asks once. Undefined when the user cancelled.
   */
  askBeforeUpload(target: { fileName?: string }, asked?: Map<string, UploadTarget | null>): Promise<UploadTarget | undefined>;
  answer(answers: Record<string, string>): void;
  cancel(): void;
}

export const useQuestions = create<QuestionsState>((set, get) => ({
  async askBeforeUpload(target, asked = new Map()) {
    const { uploaderId, questions } = await call('sxcu.questions', target);
    if (questions.length === 0) return { uploaderId, answers: {} };
    if (asked.has(uploaderId)) return asked.get(uploaderId) ?? undefined;
    const answers = await new Promise<Record<string, string> | undefined>((resolve) => set({ asking: { uploaderId, questions, resolve } }));
    const result = answers && { uploaderId, answers };
    asked.set(uploaderId, result ?? null);
    return result;
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

/**
 * Imported ShareX custom uploaders as the window and the CLI see them: plain data, never a secret
 * value (secrets are named by field, such as `Headers.Authorization`).
 */

/** Far above any real .sxcu file (a few hundred bytes), far below trouble. */
export const MAX_SXCU_CHARS = 256 * 1024;

/** What a custom uploader asks before each upload (`{select:…}`, `{inputbox:…}` in its file). */
export interface SxcuQuestion {
  /** The key of its answer in the upload's `answers`. */
  id: string;
  kind: 'select' | 'text';
  /** What to show: the input box's title, or what a choice is for. */
  prompt: string;
  /** For 'select': the choices, one of which is the answer. */
  options?: string[];
  /** For 'text': the text the box starts with. */
  default?: string;
  /** Where the file uses it, such as `Headers.X-Domain`. */
  usedIn: string[];
}

/** Which uploader an upload will go to, and what it asks first (nothing for most). */
export interface UploadQuestions {
  uploaderId: string;
  questions: SxcuQuestion[];
}

export interface CustomUploaderSummary {
  /** `custom:<name>`. */
  id: string;
  name: string;
  /** "an image uploader and file uploader". */
  kinds: string;
  /** The fields kept as secrets, such as `Headers.Authorization`; never their values. */
  secrets: string[];
  questions: SxcuQuestion[];
  importedAt: string;
  /** The ShareX version whose old `$…$` syntax was converted, when it was. */
  migratedFrom?: string;
}

export interface SxcuImportResult {
  uploader: CustomUploaderSummary;
  /** What was read differently from the file, and secrets that still need a value. */
  warnings: string[];
  replaced: boolean;
}

/** A .sxcu file opened with Shotput, waiting for the user to confirm its import. */
export interface PendingSxcu {
  token: string;
  fileName: string;
  /** What importing it would add; absent when the file is refused. */
  preview?: { name: string; id: string; kinds: string; secrets: string[]; warnings: string[]; replaces: boolean };
  /** Why it cannot be imported, naming the line and field. */
  error?: { code: string; message: string };
}

/** A .sxcu file for ShareX, without keys (the window never receives secrets). */
export interface ExportedSxcuFile {
  fileName: string;
  text: string;
  /** Where a placeholder stands instead of a key. */
  placeholders: string[];
}

import { ShotputError } from '../../errors.js';

export const SxcuErrorCode = {
  /** The file is not a well-formed custom uploader: bad JSON, a wrong type, a broken expression. */
  invalid: 'sxcu_invalid',
  /** Well-formed, but asks for something neither ShareX nor Shotput can do. */
  unsupported: 'sxcu_unsupported',
} as const;

export interface SxcuLocation {
  /** The file's name, for messages. */
  source?: string;
  line?: number;
  /** As written in the file: `Headers.Authorization`, `URL`. */
  field?: string;
}

/** A refused .sxcu file; the message names the file, the line and the field at fault. */
export class SxcuError extends ShotputError {
  readonly problem: string;
  readonly location: SxcuLocation;

  constructor(code: (typeof SxcuErrorCode)[keyof typeof SxcuErrorCode], problem: string, location: SxcuLocation = {}) {
    const where = [location.source ?? 'The .sxcu file', location.line !== undefined ? `line ${location.line}` : undefined, location.field]
      .filter((part) => part !== undefined)
      .join(', ');
    const sentence = /[.!?]$/.test(problem) ? problem : `${problem}.`;
    super(code, `${where}: ${sentence}`);
    this.name = 'SxcuError';
    this.problem = problem;
    this.location = location;
  }
}

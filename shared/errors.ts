/**
 * The one error type of Shotput. `UserError` is the plain {code, message} that crosses IPC, the
 * CLI's --json output and job files; `ShotputError` is the thrown form; `toUserError` turns
 * anything thrown into the plain form. No Node, no DOM: every layer may use it.
 */

export interface UserError {
  /** Stable, machine-readable: tests and the UI branch on it. */
  code: string;
  /** A sentence a person understands: what went wrong and what to do. */
  message: string;
  /** The setting that fixes it (`uploaders.imge.apiKey`): the window offers to open that field. */
  setting?: string;
}

/** The code of an error nobody anticipated (a bug): its message never carries a stack trace. */
export const INTERNAL_ERROR_CODE = 'internal';

/** An error meant for a person: `message` says what went wrong and what to do. */
export class ShotputError extends Error {
  /** The setting that fixes it, when one does. */
  readonly setting?: string;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown; setting?: string },
  ) {
    super(message, options);
    this.name = 'ShotputError';
    if (options?.setting) this.setting = options.setting;
  }
}

/**
 * Turns anything thrown into {code, message} for the UI or the CLI. Unexpected errors keep their
 * one-line message but never a stack trace.
 */
export function toUserError(err: unknown): UserError {
  if (err instanceof ShotputError) {
    const message = withoutControlCharacters(err.message);
    return err.setting ? { code: err.code, message, setting: err.setting } : { code: err.code, message };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: INTERNAL_ERROR_CODE,
    message: withoutControlCharacters(`Something went wrong inside Shotput: ${detail.split('\n')[0] || 'unknown error'}. Please report it if it happens again.`),
  };
}

/**
 * Text fit for a terminal or a notification: C0 and C1 control characters (ESC and CSI start the
 * escape sequences a host could use to rewrite the user's terminal) become spaces. Line breaks stay.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');
}

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
}

/** The code of an error nobody anticipated (a bug): its message never carries a stack trace. */
export const INTERNAL_ERROR_CODE = 'internal';

/** An error meant for a person: `message` says what went wrong and what to do. */
export class ShotputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShotputError';
  }
}

/**
 * Turns anything thrown into {code, message} for the UI or the CLI. Unexpected errors keep their
 * one-line message but never a stack trace.
 */
export function toUserError(err: unknown): UserError {
  if (err instanceof ShotputError) return { code: err.code, message: err.message };
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: INTERNAL_ERROR_CODE,
    message: `Something went wrong inside Shotput: ${detail.split('\n')[0] || 'unknown error'}. Please report it if it happens again.`,
  };
}

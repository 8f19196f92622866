import { IpcErrorCode, type IpcError } from '../../shared/ipc/result.js';

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
export function toUserError(err: unknown): IpcError {
  if (err instanceof ShotputError) return err.setting ? { code: err.code, message: err.message, setting: err.setting } : { code: err.code, message: err.message };
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: IpcErrorCode.internal,
    message: `Something went wrong inside Shotput: ${detail.split('\n')[0] || 'unknown error'}. Please report it if it happens again.`,
  };
}

import { INTERNAL_ERROR_CODE, type UserError } from '../errors.js';

/** What every IPC call resolves to: handlers never throw across the process boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: string, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });

/** Error codes produced by the IPC layer itself; services add their own. */
export const IpcErrorCode = {
  invalidPayload: 'invalid_payload',
  unknownChannel: 'unknown_channel',
  forbiddenSender: 'forbidden_sender',
  internal: INTERNAL_ERROR_CODE,
} as const;

/** What every IPC call resolves to: handlers never throw across the process boundary. */
export interface IpcError {
  /** Stable, machine-readable: tests and the UI branch on it. */
  code: string;
  /** A sentence a person understands: what went wrong and what to do. */
  message: string;
  /** The setting that fixes it (`uploaders.imge.apiKey`): the window opens that field. */
  setting?: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: string, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });

/** Error codes produced by the IPC layer itself; services add their own. */
export const IpcErrorCode = {
  invalidPayload: 'invalid_payload',
  unknownChannel: 'unknown_channel',
  forbiddenSender: 'forbidden_sender',
  internal: 'internal',
} as const;

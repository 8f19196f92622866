import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedPayloadOf } from './contract.js';
import type { UserError } from '../errors.js';
import { IPC_PAYLOAD_LIMITS, MAX_ECHOED_CHARS } from './limits.js';
import { IpcErrorCode } from './result.js';

/** A caller's text as an error message repeats it: quoted, and cut after MAX_ECHOED_CHARS. */
export function echo(text: unknown): string {
  const value = String(text);
  return value.length > MAX_ECHOED_CHARS ? `${JSON.stringify(value.slice(0, MAX_ECHOED_CHARS))}… (${value.length} characters)` : JSON.stringify(value);
}

const describePath = (path: readonly PropertyKey[]) => (path.length > 0 ? path.map((p) => (String(p).length > MAX_ECHOED_CHARS ? `${String(p).slice(0, MAX_ECHOED_CHARS)}…` : String(p))).join('.') : 'payload');

function describeIssue(issue: z.core.$ZodIssue): string {
  // Some messages list the caller's keys (unrecognized keys): never repeat more than a line of them.
  const message = issue.message.length > 4 * MAX_ECHOED_CHARS ? `${issue.message.slice(0, 4 * MAX_ECHOED_CHARS)}…` : issue.message;
  return `${describePath(issue.path)}: ${message}`;
}

/** The answer to a call on a channel the window's contract does not have. */
export function unknownChannel(window: string, channel: unknown): UserError {
  return { code: IpcErrorCode.unknownChannel, message: `There is no ${window} channel named ${echo(channel)}.` };
}

/** Checks a raw payload against its channel's schema; the error says which field and why. */
export function validatePayload<C extends ChannelName>(
  channel: C | string,
  payload: unknown,
): { ok: true; channel: C; payload: ParsedPayloadOf<C> } | { ok: false; error: UserError } {
  if (!isChannelName(channel)) return { ok: false, error: unknownChannel('IPC', channel) };
  const checked = checkPayload(channel, channels[channel].payload, payload);
  return checked.ok ? { ok: true, channel: channel as C, payload: checked.payload as ParsedPayloadOf<C> } : checked;
}

/**
 * Checks a payload against a schema of any window's contract: first its shape against
 * IPC_PAYLOAD_LIMITS, then the schema. The error names the channel, field and reason.
 */
export function checkPayload<S extends z.ZodType>(
  channel: string,
  schema: S,
  payload: unknown,
): { ok: true; payload: z.output<S> } | { ok: false; error: UserError } {
  const refused = (details: string) => ({ ok: false as const, error: { code: IpcErrorCode.invalidPayload, message: `Invalid payload for ${channel}: ${details}.` } });
  const shape = shapeProblem(payload);
  if (shape) return refused(shape);
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) return refused(parsed.error.issues.slice(0, 5).map(describeIssue).join('; '));
  return { ok: true, payload: parsed.data };
}

/**
 * What is wrong with a payload's shape, or undefined: too deep, too many entries, an overlong or
 * prototype-reaching key. Walked without recursion, so a deep payload cannot exhaust the stack.
 */
function shapeProblem(payload: unknown): string | undefined {
  const { maxDepth, maxEntries, maxKeyChars, forbiddenKeys } = IPC_PAYLOAD_LIMITS;
  const pending: Array<{ value: unknown; path: string[] }> = [{ value: payload, path: [] }];
  let entries = 0;
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    if (path.length >= maxDepth) return `${describePath(path)}: nested more than ${maxDepth} levels deep; no Shotput request is`;
    const keys = Array.isArray(value) ? [] : Object.keys(value);
    entries += Array.isArray(value) ? value.length : keys.length;
    if (entries > maxEntries) return `more than ${maxEntries} keys and items in one request; send fewer at a time`;
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, path: [...path, String(i)] }));
      continue;
    }
    for (const key of keys) {
      if (forbiddenKeys.includes(key)) return `${describePath([...path, key])}: the key ${echo(key)} is not accepted in any request`;
      if (key.length > maxKeyChars) return `${describePath(path)}: a key of ${key.length} characters (at most ${maxKeyChars})`;
      pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

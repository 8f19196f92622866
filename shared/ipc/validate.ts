import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedPayloadOf } from './contract.js';
import type { UserError } from '../errors.js';
import { IpcErrorCode } from './result.js';

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
  return `${path}: ${issue.message}`;
}

/** Checks a raw payload against its channel's schema; the error says which field and why. */
export function validatePayload<C extends ChannelName>(
  channel: C | string,
  payload: unknown,
): { ok: true; channel: C; payload: ParsedPayloadOf<C> } | { ok: false; error: UserError } {
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: IpcErrorCode.unknownChannel, message: `There is no IPC channel named ${JSON.stringify(channel)}.` } };
  }
  const checked = checkPayload(channel, channels[channel].payload, payload);
  return checked.ok ? { ok: true, channel: channel as C, payload: checked.payload as ParsedPayloadOf<C> } : checked;
}

/** Checks a payload against a schema of any window's contract; the error names the channel, field and reason. */
export function checkPayload<S extends z.ZodType>(
  channel: string,
  schema: S,
  payload: unknown,
): { ok: true; payload: z.output<S> } | { ok: false; error: UserError } {
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map(describeIssue).join('; ');
    return { ok: false, error: { code: IpcErrorCode.invalidPayload, message: `Invalid payload for ${channel}: ${details}.` } };
  }
  return { ok: true, payload: parsed.data };
}

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
  const parsed = channels[channel].payload.safeParse(payload ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map(describeIssue).join('; ');
    return {
      ok: false,
      error: { code: IpcErrorCode.invalidPayload, message: `Invalid payload for ${channel}: ${details}.` },
    };
  }
  return { ok: true, channel: channel as C, payload: parsed.data as ParsedPayloadOf<C> };
}

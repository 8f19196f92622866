import type { UserError } from '../../../shared/uploads.js';
import { ApiError } from '../api/client.js';

/**
 * The core's sentences name settings keys for the command line ("set uploaders.imge.apiKey
 * (Settings → IM.GE)"); the window offers to open the field instead, so the key is left out.
 */
export function forWindow(error: Pick<UserError, 'message' | 'setting'>): string {
  if (!error.setting) return error.message;
  return error.message
    .replace(/: set [\w.:-]+(?: to your [\w ']+address)? \(Settings → [^)]*\)\./, '.')
    .replace(`Check ${error.setting} in Settings → `, 'Check it in Settings → ')
    .replace(`Check ${error.setting} and`, 'Check it and');
}

/** The sentence to show for a failed call: the core's own message, never a stack. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return forWindow(err);
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The setting that would fix a failed call, if any. */
export function settingOf(err: unknown): string | undefined {
  return err instanceof ApiError ? err.setting : undefined;
}

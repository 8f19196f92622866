import { ApiError } from '../api/client.js';

/** The sentence to show for a failed call: the core's own message, never a stack. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

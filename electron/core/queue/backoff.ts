export interface BackoffPolicy {
  /** Attempts in all, the first one included, before a job is marked failed. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 5, baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Delay before attempt `attempt + 1`: exponential from baseMs, capped, with "equal jitter" (half
 * fixed, half random) so many failed uploads do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

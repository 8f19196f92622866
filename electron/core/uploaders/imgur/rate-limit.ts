import type { RateLimitState } from '../types.js';

/** Imgur charges an upload as ten requests against the user and client budgets. */
const REQUESTS_PER_UPLOAD = 10;

function header(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * "Uploads left" from one Imgur reply: the tightest of the hourly POST budget
 * (X-Post-Rate-Limit-*, only on POSTs) and the daily user and client request budgets counted in
 * uploads. Undefined when the reply carried none of them.
 */
export function imgurRateLimit(headers: Headers, now: number): RateLimitState | undefined {
  const candidates: Array<{ remaining: number; limit: number; resetAt?: number }> = [];
  const postRemaining = header(headers, 'x-post-rate-limit-remaining');
  const postLimit = header(headers, 'x-post-rate-limit-limit');
  const postReset = header(headers, 'x-post-rate-limit-reset');
  if (postRemaining !== undefined && postLimit !== undefined) {
    candidates.push({ remaining: postRemaining, limit: postLimit, resetAt: postReset !== undefined ? now + postReset * 1000 : undefined });
  }
  const userRemaining = header(headers, 'x-ratelimit-userremaining');
  const userLimit = header(headers, 'x-ratelimit-userlimit');
  const userReset = header(headers, 'x-ratelimit-userreset');
  if (userRemaining !== undefined && userLimit !== undefined) {
    candidates.push({
      remaining: Math.floor(userRemaining / REQUESTS_PER_UPLOAD),
      limit: Math.floor(userLimit / REQUESTS_PER_UPLOAD),
      resetAt: userReset !== undefined ? userReset * 1000 : undefined,
    });
  }
  const clientRemaining = header(headers, 'x-ratelimit-clientremaining');
  const clientLimit = header(headers, 'x-ratelimit-clientlimit');
  if (clientRemaining !== undefined && clientLimit !== undefined) {
    // The client budget refills daily; Imgur does not say when.
    candidates.push({ remaining: Math.floor(clientRemaining / REQUESTS_PER_UPLOAD), limit: Math.floor(clientLimit / REQUESTS_PER_UPLOAD) });
  }
  if (candidates.length === 0) return undefined;
  const tightest = candidates.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return { service: 'imgur', ...tightest };
}

/**
 * When a 429 lifts: the latest reset among the budgets that are spent (a spent POST budget and
 * a spent user budget both have to refill). Undefined when no spent budget says.
 */
export function imgurRetryAt(headers: Headers, now: number): number | undefined {
  const resets: number[] = [];
  if (header(headers, 'x-post-rate-limit-remaining') === 0) {
    const reset = header(headers, 'x-post-rate-limit-reset');
    if (reset !== undefined) resets.push(now + reset * 1000);
  }
  if (header(headers, 'x-ratelimit-userremaining') === 0) {
    const reset = header(headers, 'x-ratelimit-userreset');
    if (reset !== undefined) resets.push(reset * 1000);
  }
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

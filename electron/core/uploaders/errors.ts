import { ShotputError } from '../errors.js';

/**
 * When the queue may try again: never (the request itself is wrong: bad key, too big), with
 * exponential backoff (network errors, 5xx), or not before a given time (429 with a reset).
 */
export type RetryPolicy = { kind: 'never' } | { kind: 'backoff' } | { kind: 'after'; at: number };

/**
 * A failed upload, already phrased for a person: it names the service and, where there is one,
 * the service's own code, e.g. "IM.GE rejected the API key (code 100)".
 */
export class UploadError extends ShotputError {
  readonly service: string;
  readonly retry: RetryPolicy;
  readonly status?: number;
  readonly serviceCode?: string | number;

  constructor(
    code: string,
    message: string,
    details: { service: string; retry: RetryPolicy; status?: number; serviceCode?: string | number; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause });
    this.name = 'UploadError';
    this.service = details.service;
    this.retry = details.retry;
    this.status = details.status;
    this.serviceCode = details.serviceCode;
  }
}

/** Stable codes the queue, the CLI and the UI branch on. */
export const UploadErrorCode = {
  auth: 'auth_failed',
  badRequest: 'rejected',
  emptySource: 'empty_source',
  tooBig: 'too_big',
  /** An image host was given something else (see admission.ts). */
  notAnImage: 'not_an_image',
  rateLimited: 'rate_limited',
  server: 'server_error',
  network: 'network_error',
  malformed: 'malformed_response',
  unsupported: 'unsupported',
  cancelled: 'cancelled',
  notConfigured: 'not_configured',
  /** The local file is missing, unreadable or changed while it was being sent. */
  fileUnreadable: 'file_unreadable',
} as const;

export type UploadErrorCodeValue = (typeof UploadErrorCode)[keyof typeof UploadErrorCode];

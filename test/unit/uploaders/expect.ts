import { expect } from 'vitest';
import { UploadError } from '../../../electron/core/uploaders/errors.js';

/** The UploadError a call rejects with; fails the test if it resolves or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<UploadError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if ('resolved' in outcome) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.error).toBeInstanceOf(UploadError);
  return outcome.error as UploadError;
}

import { ShotputError } from '../errors.js';
import { EXPIRATION_LABELS } from '../uploaders/common.js';
import type { ExpirationChoice, UploaderDescriptor, UploadOptions } from '../uploaders/types.js';

/** Per-upload options as they arrive from the window or the command line: the expiration not yet checked. */
export type RequestedUploadOptions = Omit<UploadOptions, 'expiration'> & { expiration?: string };

/**
 * The one check of an upload's own expiration against what the host offers, made before anything
 * is queued: a refusal names the host and lists the values it takes.
 */
export function expirationFor(descriptor: UploaderDescriptor, requested: string): ExpirationChoice {
  const offered = descriptor.capabilities.expiration;
  if (requested === 'never') return 'never';
  const choices: readonly string[] = ['never', ...offered];
  if (choices.includes(requested)) return requested as ExpirationChoice;
  const label = (EXPIRATION_LABELS as Record<string, string>)[requested] ?? JSON.stringify(requested);
  throw new ShotputError(
    'bad_option',
    offered.length === 0
      ? `${descriptor.label} keeps images until they are deleted: it cannot delete them after ${label}. Choose Never, or another uploader.`
      : `${descriptor.label} cannot delete images after ${label}. It takes: ${choices.join(', ')}.`,
  );
}

/** The options checked against the host they go to; refuses what the host would refuse, before anything is sent. */
export function checkedUploadOptions(descriptor: UploaderDescriptor, requested: RequestedUploadOptions): UploadOptions {
  const { expiration, ...rest } = requested;
  const options: UploadOptions = { ...rest };
  if (options.albumId !== undefined && options.albumId.trim() === '') delete options.albumId;
  if (expiration !== undefined) options.expiration = expirationFor(descriptor, expiration);
  return options;
}

import { formatBytes } from '../../../shared/format.js';
import { UploadError, UploadErrorCode } from './errors.js';
import type { UploaderDescriptor } from './types.js';

type Descriptor = Pick<UploaderDescriptor, 'id' | 'label' | 'capabilities'>;

/** The largest file an uploader takes: its descriptor's, or the user's setting for a self-hosted site. */
export function sizeLimitOf(descriptor: Descriptor, settings: { get(key: string): unknown }): number {
  const { maxBytes, maxMegabytesSetting } = descriptor.capabilities;
  const megabytes = maxMegabytesSetting ? Number(settings.get(maxMegabytesSetting)) : NaN;
  return megabytes > 0 ? Math.min(maxBytes, megabytes * 1024 * 1024) : maxBytes;
}

/** A file over the limit: never retried, since the same bytes can never pass. */
export function tooBigError(descriptor: Descriptor, name: string, size: number, advice: string, limit = descriptor.capabilities.maxBytes): UploadError {
  return new UploadError(UploadErrorCode.tooBig, `${name} is ${formatBytes(size)}; ${descriptor.label} accepts files up to ${formatBytes(limit)}. ${advice}`, {
    service: descriptor.id,
    retry: { kind: 'never' },
  });
}

/**
 * The one check of whether an uploader takes a file, by its descriptor: not over its size limit
 * (`too_big`), and an image if it takes only images (`not_an_image`). The queue runs it before a
 * job is accepted and each uploader again before sending, so both refuse with the same words.
 */
export function checkAdmission(descriptor: Descriptor, file: { name: string; size?: number; mime?: string }): void {
  const { maxBytes, accepts } = descriptor.capabilities;
  const details = { service: descriptor.id, retry: { kind: 'never' as const } };
  if (file.size !== undefined && file.size > maxBytes) {
    throw tooBigError(descriptor, file.name, file.size, 'Lower the quality or size in Settings, or choose another uploader.');
  }
  if (accepts === 'image' && file.mime !== undefined && !file.mime.startsWith('image/')) {
    throw new UploadError(
      UploadErrorCode.notAnImage,
      `${file.name} is not an image, and ${descriptor.label} accepts only images. Choose an uploader for files, or convert it first.`,
      details,
    );
  }
}

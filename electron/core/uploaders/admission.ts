import { formatBytes } from '../../../shared/format.js';
import { UploadError, UploadErrorCode } from './errors.js';
import type { UploaderDescriptor } from './types.js';

/**
 * The one check of whether an uploader takes a file, by its descriptor: not over its size limit
 * (`too_big`), and an image if it takes only images (`not_an_image`). The queue runs it before a
 * job is accepted and each uploader again before sending, so both refuse with the same words.
 */
export function checkAdmission(descriptor: Pick<UploaderDescriptor, 'id' | 'label' | 'capabilities'>, file: { name: string; size?: number; mime?: string }): void {
  const { maxBytes, accepts } = descriptor.capabilities;
  const details = { service: descriptor.id, retry: { kind: 'never' as const } };
  if (file.size !== undefined && file.size > maxBytes) {
    throw new UploadError(
      UploadErrorCode.tooBig,
      `${file.name} is ${formatBytes(file.size)}; ${descriptor.label} accepts files up to ${formatBytes(maxBytes)}. Lower the quality or size in Settings, or choose another uploader.`,
      details,
    );
  }
  if (accepts === 'image' && file.mime !== undefined && !file.mime.startsWith('image/')) {
    throw new UploadError(
      UploadErrorCode.notAnImage,
      `${file.name} is not an image, and ${descriptor.label} accepts only images. Choose an uploader for files, or convert it first.`,
      details,
    );
  }
}

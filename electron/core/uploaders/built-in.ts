import { cheveretoUploader, imgeUploader } from './chevereto/uploader.js';
import { groupmeUploader } from './groupme.js';
import { imgbbUploader } from './imgbb.js';
import { imgurUploader } from './imgur/uploader.js';
import type { Uploader } from './types.js';

/** The uploaders Shotput ships, in the order the UI lists them. */
export function builtInUploaders(): Uploader[] {
  return [imgeUploader, cheveretoUploader, imgbbUploader, imgurUploader, groupmeUploader];
}

/**
 * A ShareX custom uploader as Shotput keeps it: the fields of a .sxcu file, already validated and
 * in the current `{…}` syntax (files in the old `$…$` syntax are migrated when they are read).
 * See docs/sxcu-format.md.
 */

export const DESTINATION_TYPES = ['ImageUploader', 'TextUploader', 'FileUploader', 'URLShortener', 'URLSharingService'] as const;
export type SxcuDestination = (typeof DESTINATION_TYPES)[number];

export const REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type SxcuMethod = (typeof REQUEST_METHODS)[number];

export const BODY_TYPES = ['None', 'MultipartFormData', 'FormURLEncoded', 'JSON', 'XML', 'Binary'] as const;
export type SxcuBody = (typeof BODY_TYPES)[number];

/** One entry of Parameters, Headers or Arguments. A list, not an object: order is kept as written. */
export interface NamedValue {
  name: string;
  value: string;
}

export interface SxcuSpec {
  /** The ShareX version that wrote the file (after migration: the version whose syntax it now uses). */
  version: string;
  /** The display name: the file's Name, or the RequestURL's host when it has none. */
  name: string;
  destinations: SxcuDestination[];
  method: SxcuMethod;
  requestUrl: string;
  parameters: NamedValue[];
  headers: NamedValue[];
  body: SxcuBody;
  arguments: NamedValue[];
  fileFormName: string;
  /** The body text of JSON and XML requests. */
  data: string;
  url: string;
  thumbnailUrl: string;
  deletionUrl: string;
  errorMessage: string;
}

/** The fields that go through the syntax parser, in the order ShareX evaluates them. */
export const SYNTAX_FIELDS = ['requestUrl', 'url', 'thumbnailUrl', 'deletionUrl', 'errorMessage'] as const;
export type SyntaxField = (typeof SYNTAX_FIELDS)[number];

/** The maps whose values go through `%` name patterns, then the syntax parser. */
export const MAP_FIELDS = ['parameters', 'headers', 'arguments'] as const;
export type MapField = (typeof MAP_FIELDS)[number];

/** How each field is spelled in a .sxcu file, for messages and for writing files. */
export const FILE_FIELD_NAMES = {
  version: 'Version',
  name: 'Name',
  destinations: 'DestinationType',
  method: 'RequestMethod',
  requestUrl: 'RequestURL',
  parameters: 'Parameters',
  headers: 'Headers',
  body: 'Body',
  arguments: 'Arguments',
  fileFormName: 'FileFormName',
  data: 'Data',
  url: 'URL',
  thumbnailUrl: 'ThumbnailURL',
  deletionUrl: 'DeletionURL',
  errorMessage: 'ErrorMessage',
} as const satisfies Record<keyof SxcuSpec, string>;

/** What a request carries: a file (image and file uploaders), text, or a URL (shorteners, sharing). */
export type SxcuPurpose = 'file' | 'text' | 'url';

export const DESTINATION_PURPOSE: Record<SxcuDestination, SxcuPurpose> = {
  ImageUploader: 'file',
  FileUploader: 'file',
  TextUploader: 'text',
  URLShortener: 'url',
  URLSharingService: 'url',
};

/** Bodies ShareX can send for each purpose; anything else fails there with "Unsupported request format". */
export const BODIES_FOR_PURPOSE: Record<SxcuPurpose, readonly SxcuBody[]> = {
  file: ['MultipartFormData', 'Binary'],
  text: ['None', 'MultipartFormData', 'FormURLEncoded', 'JSON', 'XML', 'Binary'],
  url: ['None', 'MultipartFormData', 'FormURLEncoded', 'JSON', 'XML'],
};

/** The first ShareX release with the `{…}` syntax: every ShareX that can read what Shotput writes. */
export const SXCU_WRITE_VERSION = '14.0.0';
/** Files from this version or older are refused, as ShareX refuses them. */
export const SXCU_OLDEST_UNSUPPORTED = '12.3.1';
/** Files from this version or older use the `$…$` syntax. */
export const SXCU_LAST_OLD_SYNTAX = '13.7.1';

export const DESTINATION_LABELS: Record<SxcuDestination, string> = {
  ImageUploader: 'image uploader',
  TextUploader: 'text uploader',
  FileUploader: 'file uploader',
  URLShortener: 'URL shortener',
  URLSharingService: 'URL sharing service',
};

/** "an image uploader", "a URL shortener". */
export function describeDestinations(destinations: readonly SxcuDestination[]): string {
  const labels = destinations.map((d) => DESTINATION_LABELS[d]);
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? 'uploader');
  return `${list.startsWith('image') ? 'an' : 'a'} ${list}`;
}

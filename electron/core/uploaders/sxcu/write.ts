/**
 * Writes a spec as ShareX writes a .sxcu file: its field order, 2-space indentation, and only the
 * fields ShareX itself would write (no Arguments without a form body, no Name equal to the host).
 */
import { BODY_TYPES, DESTINATION_TYPES, FILE_FIELD_NAMES, type NamedValue, type SxcuSpec } from './spec.js';
import { fixPrefix, hostName } from './url-encoding.js';

type JsonValue = string | NamedValue[];

function serialize(entries: Array<[string, JsonValue]>): string {
  const lines = entries.map(([key, value]) => {
    if (typeof value === 'string') return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    // Written by hand rather than through an object: JSON.stringify would move keys like "2" first.
    const inner = value.map((e) => `    ${JSON.stringify(e.name)}: ${JSON.stringify(e.value)}`).join(',\n');
    return `  ${JSON.stringify(key)}: {\n${inner}\n  }`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function writeSxcu(spec: SxcuSpec): string {
  const entries: Array<[string, JsonValue]> = [[FILE_FIELD_NAMES.version, spec.version]];
  if (spec.name !== '' && spec.name !== hostName(fixPrefix(spec.requestUrl))) entries.push([FILE_FIELD_NAMES.name, spec.name]);
  const destinations = DESTINATION_TYPES.filter((d) => spec.destinations.includes(d));
  if (destinations.length > 0) entries.push([FILE_FIELD_NAMES.destinations, destinations.join(', ')]);
  entries.push([FILE_FIELD_NAMES.method, spec.method]);
  if (spec.requestUrl !== '') entries.push([FILE_FIELD_NAMES.requestUrl, spec.requestUrl]);
  if (spec.parameters.length > 0) entries.push([FILE_FIELD_NAMES.parameters, spec.parameters]);
  if (spec.headers.length > 0) entries.push([FILE_FIELD_NAMES.headers, spec.headers]);
  if (spec.body !== BODY_TYPES[0]) entries.push([FILE_FIELD_NAMES.body, spec.body]);
  const form = spec.body === 'MultipartFormData' || spec.body === 'FormURLEncoded';
  if (form && spec.arguments.length > 0) entries.push([FILE_FIELD_NAMES.arguments, spec.arguments]);
  if (spec.body === 'MultipartFormData' && spec.fileFormName !== '') entries.push([FILE_FIELD_NAMES.fileFormName, spec.fileFormName]);
  if ((spec.body === 'JSON' || spec.body === 'XML') && spec.data !== '') entries.push([FILE_FIELD_NAMES.data, spec.data]);
  for (const field of ['url', 'thumbnailUrl', 'deletionUrl', 'errorMessage'] as const) {
    if (spec[field] !== '') entries.push([FILE_FIELD_NAMES[field], spec[field]]);
  }
  return serialize(entries);
}

/** `IM.GE` → `IM.GE.sxcu`, with characters file systems refuse replaced. */
export function sxcuFileName(name: string): string {
  const safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '_').trim() || 'uploader';
  return `${safe}.sxcu`;
}

/**
 * Where the syntax lives in a spec, and how each kind of field is read: map values (Parameters,
 * Headers, Arguments) get `%` name patterns first, then the syntax parser; RequestURL and the
 * result fields get the syntax parser alone.
 */
import { expandNamePatternsKeepingEscapes, type NamePatternEnv } from './name-patterns.js';
import { FILE_FIELD_NAMES, MAP_FIELDS, type MapField, type SxcuSpec, type SyntaxField } from './spec.js';
import { parseSyntax, type SyntaxNode } from './syntax.js';

export interface FieldValue {
  field: SyntaxField | MapField;
  /** The entry's name for map fields. */
  name?: string;
  /** As a person reads it in the file: `Headers.Authorization`, `URL`. */
  label: string;
  value: string;
  /** Evaluated before the request is sent (so it cannot read the response). */
  beforeRequest: boolean;
}

export function fieldLabel(field: SyntaxField | MapField, name?: string): string {
  return name === undefined ? FILE_FIELD_NAMES[field] : `${FILE_FIELD_NAMES[field]}.${name}`;
}

/** Every value that goes through the syntax parser, in the order ShareX evaluates them. */
export function* syntaxValues(spec: SxcuSpec): Generator<FieldValue> {
  yield { field: 'requestUrl', label: fieldLabel('requestUrl'), value: spec.requestUrl, beforeRequest: true };
  for (const field of MAP_FIELDS) {
    for (const { name, value } of spec[field]) yield { field, name, label: fieldLabel(field, name), value, beforeRequest: true };
  }
  for (const field of ['url', 'thumbnailUrl', 'deletionUrl', 'errorMessage'] as const) {
    if (spec[field] !== '') yield { field, label: fieldLabel(field), value: spec[field], beforeRequest: false };
  }
}

export function isMapField(field: string): field is MapField {
  return (MAP_FIELDS as readonly string[]).includes(field);
}

/** Parses one value as its field is read. Throws SyntaxProblem. */
export function parseFieldValue(field: SyntaxField | MapField, value: string, env: NamePatternEnv): SyntaxNode[] {
  return parseSyntax(isMapField(field) ? expandNamePatternsKeepingEscapes(value, env) : value);
}

/**
 * A clock and random source with fixed answers: name patterns expand to plain characters, so a
 * value parses to the same tree it will have at upload time (`%rn{4}` must not read as a call).
 */
export const ANALYSIS_ENV: NamePatternEnv = {
  now: () => new Date(2000, 0, 1),
  random: () => 0,
  uuid: () => '00000000-0000-0000-0000-000000000000',
  userName: 'user',
  userDomain: 'domain',
  machineName: 'computer',
  locale: 'en-US',
};

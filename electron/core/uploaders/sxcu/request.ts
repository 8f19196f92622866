/**
 * The HTTP request a custom uploader sends, as plain data: method, URL with its parameters,
 * headers, and what kind of body with which fields. The uploader turns it into bytes on the wire
 * (streaming the file where there is one); everything ShareX decides about the request is here.
 */
import { ShotputError } from '../../errors.js';
import { UploadErrorCode } from '../errors.js';
import { parseFieldValue } from './fields.js';
import { expandNamePatterns } from './name-patterns.js';
import { makeEvaluator, payloadInput, type SxcuPayload, type SxcuRunContext } from './scope.js';
import { describeDestinations, DESTINATION_PURPOSE, type MapField, type NamedValue, type SxcuMethod, type SxcuSpec } from './spec.js';
import { appendQuery, fixPrefix, queryString } from './url-encoding.js';

/** Where the body's bytes come from: the uploaded file itself, or text computed here. */
export type BodyContent = { kind: 'source' } | { kind: 'text'; text: string };

export type SxcuRequestBody =
  | { kind: 'none' }
  | {
      kind: 'multipart';
      /** Arguments, sent before the file as ShareX does. */
      fields: NamedValue[];
      file?: { field: string; fileName: string; contentType: string; content: BodyContent };
    }
  | { kind: 'form-urlencoded'; text: string }
  | { kind: 'text'; contentType: string; text: string }
  | { kind: 'binary'; contentType: string; content: BodyContent };

export interface SxcuRequest {
  method: SxcuMethod;
  url: string;
  headers: NamedValue[];
  body: SxcuRequestBody;
}

/** Headers the HTTP layer owns: a stale length or a connection option would break the request. */
const DROPPED_HEADERS = new Set(['content-length', 'host', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer']);

export function supportsPayload(spec: SxcuSpec, kind: SxcuPayload['kind']): boolean {
  return spec.destinations.some((d) => DESTINATION_PURPOSE[d] === kind);
}

export function buildRequest(spec: SxcuSpec, payload: SxcuPayload, run: SxcuRunContext): SxcuRequest {
  if (!supportsPayload(spec, payload.kind)) {
    const what = { file: 'files', text: 'text', url: 'links to shorten or share' }[payload.kind];
    throw new ShotputError(
      UploadErrorCode.unsupported,
      `${spec.name} is ${describeDestinations(spec.destinations)}; it does not take ${what}.`,
    );
  }
  const input = payloadInput(payload);
  const inUrl = makeEvaluator(spec, run, input, { urlEncode: true });
  const plain = makeEvaluator(spec, run, input, { urlEncode: false });
  const values = (field: MapField) =>
    spec[field].map(({ name, value }) => ({ name, value: plain.evaluate(parseFieldValue(field, value, run.env)) }));

  let url = fixPrefix(inUrl.evaluate(parseFieldValue('requestUrl', spec.requestUrl, run.env)).trim());
  if (url.startsWith('//')) url = `https:${url}`;
  url = appendQuery(url, values('parameters'));
  checkUrl(spec, url);

  const headers: NamedValue[] = [];
  let contentType: string | undefined;
  for (const header of values('headers')) {
    if (/[\r\n]/.test(header.value)) {
      throw new ShotputError(UploadErrorCode.notConfigured, `${spec.name}: the header ${header.name} would contain a line break (from %n or an answer); HTTP headers are one line.`);
    }
    const lower = header.name.toLowerCase();
    if (DROPPED_HEADERS.has(lower)) continue;
    if (lower === 'content-type') contentType = header.value;
    else headers.push(header);
  }

  const body = buildBody(spec, payload, input, values('arguments'), run, contentType);
  if (contentType !== undefined && body.kind === 'none') headers.push({ name: 'Content-Type', value: contentType });
  return { method: spec.method, url, headers, body };
}

function buildBody(
  spec: SxcuSpec,
  payload: SxcuPayload,
  input: { fileName: string; input: string },
  args: NamedValue[],
  run: SxcuRunContext,
  contentTypeHeader: string | undefined,
): SxcuRequestBody {
  const payloadContent: BodyContent = payload.kind === 'text' ? { kind: 'text', text: payload.text } : { kind: 'source' };
  const payloadType = payload.kind === 'file' ? payload.mime : payload.kind === 'text' ? (payload.mime ?? 'text/plain') : 'application/octet-stream';
  switch (spec.body) {
    case 'None':
      return { kind: 'none' };
    case 'MultipartFormData': {
      const fields = args.filter((a) => a.name !== '');
      const sendsFile = payload.kind !== 'url' && spec.fileFormName !== '';
      if (!sendsFile) return { kind: 'multipart', fields };
      return { kind: 'multipart', fields, file: { field: spec.fileFormName, fileName: input.fileName, contentType: payloadType, content: payloadContent } };
    }
    case 'FormURLEncoded':
      return { kind: 'form-urlencoded', text: queryString(args) };
    case 'JSON':
    case 'XML': {
      const encode = spec.body === 'JSON' ? (t: string) => JSON.stringify(t).slice(1, -1) : xmlEscape;
      const replacements: Record<string, string> = { '{input}': encode(input.input), '{filename}': encode(input.fileName) };
      const text = expandNamePatterns(spec.data, run.env).replace(/\{input\}|\{filename\}/gi, (m) => replacements[m.toLowerCase()]!);
      return { kind: 'text', contentType: contentTypeHeader ?? (spec.body === 'JSON' ? 'application/json' : 'application/xml'), text };
    }
    case 'Binary':
      return { kind: 'binary', contentType: contentTypeHeader ?? payloadType, content: payloadContent };
  }
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function checkUrl(spec: SxcuSpec, url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ShotputError(
      UploadErrorCode.notConfigured,
      `${spec.name}: its RequestURL gave "${url}", which is not an http or https address. Check the answers you gave, or import a corrected file.`,
    );
  }
}

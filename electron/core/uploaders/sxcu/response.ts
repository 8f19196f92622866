/**
 * Reads the host's answer as ShareX does: on 2xx, URL (the whole body when URL is empty),
 * ThumbnailURL and DeletionURL; otherwise ErrorMessage. The outcome is plain data; the uploader
 * turns a failure into an UploadError with the shared HTTP error mapping.
 */
import type { UploadResult } from '../types.js';
import { EvalError, preview, type ResponseInfo } from './evaluate.js';
import { parseFieldValue } from './fields.js';
import { makeEvaluator, payloadInput, type SxcuPayload, type SxcuRunContext } from './scope.js';
import type { SxcuSpec } from './spec.js';

export type SxcuOutcome =
  | { ok: true; result: UploadResult }
  /** The host refused (non-2xx); `message` is what the file's ErrorMessage found in the response, if anything. */
  | { ok: false; kind: 'rejected'; status: number; message?: string; body: string }
  /** The host said yes but the answer cannot be read as the file describes it. */
  | { ok: false; kind: 'malformed'; message: string };

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function readResponse(spec: SxcuSpec, payload: SxcuPayload, response: ResponseInfo, run: SxcuRunContext): SxcuOutcome {
  // As in ShareX, the result fields see the file name but not the input.
  const evaluator = makeEvaluator(spec, run, { fileName: payloadInput(payload).fileName, input: '' }, { urlEncode: true, response });
  const read = (field: 'url' | 'thumbnailUrl' | 'deletionUrl' | 'errorMessage') => evaluator.evaluate(parseFieldValue(field, spec[field], run.env)).trim();

  if (!isSuccessStatus(response.status)) {
    let message: string | undefined;
    try {
      message = spec.errorMessage === '' ? undefined : read('errorMessage') || undefined;
    } catch {
      // An error body that is not what ErrorMessage expects: the status and body still tell the story.
      message = undefined;
    }
    return { ok: false, kind: 'rejected', status: response.status, message, body: response.text };
  }

  let url: string;
  let thumbnailUrl: string;
  let deleteUrl: string;
  try {
    url = spec.url === '' ? response.text.trim() : read('url');
    thumbnailUrl = read('thumbnailUrl');
    deleteUrl = read('deletionUrl');
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    const what = err.kind === 'response' ? 'its answer cannot be read as the file expects' : 'the file cannot read its answer';
    return { ok: false, kind: 'malformed', message: `${spec.name} accepted the upload, but ${what}: ${err.message}.` };
  }

  const sharesOnly = payload.kind === 'url' && !spec.destinations.includes('URLShortener');
  if (sharesOnly && !isWebAddress(url)) url = payload.url;
  if (!isWebAddress(url)) {
    const source = spec.url === '' ? 'the whole response (URL is empty)' : `URL ${spec.url}`;
    return {
      ok: false,
      kind: 'malformed',
      message: `${spec.name} accepted the upload, but ${source} gave ${url === '' ? 'nothing' : `"${url.slice(0, 200)}"`}, not a link. The response was ${preview(response.text)}.`,
    };
  }
  const result: UploadResult = { url };
  if (isWebAddress(thumbnailUrl)) result.thumbnailUrl = thumbnailUrl;
  if (isWebAddress(deleteUrl)) result.deleteUrl = deleteUrl;
  return { ok: true, result };
}

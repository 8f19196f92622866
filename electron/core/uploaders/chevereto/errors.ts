import { UploadError, UploadErrorCode } from '../errors.js';
import { malformedFailure, responseFailure, type ServiceDetail, type ServiceRef } from '../http/failure.js';
import { numberField, stringField, type HttpResponse } from '../http/send.js';

/**
 * Chevereto's errors (IM.GE, self-hosted Chevereto, and ImgBB which runs on it) come as HTTP 400
 * with `{"error": {"message", "code"}}`; the code is what means something. `keySetting` is named
 * when the key is refused.
 */
export function cheveretoFailure(service: ServiceRef, res: HttpResponse, now: number, keySetting: string): UploadError {
  const body = res.json();
  const message = stringField(body, 'error', 'message') ?? stringField(body, 'error');
  const code = numberField(body, 'error', 'code');
  if (message === undefined && res.status >= 400 && res.status < 500 && res.status !== 429 && res.text.trim().startsWith('{')) {
    return malformedFailure(service, res, 'an error without a message');
  }
  const quoted = message ? `code ${code ?? res.status}: ${message.trim()}` : `HTTP ${res.status}`;
  const detail: ServiceDetail = { message, serviceCode: code };
  if (message && /rate limit/i.test(message)) {
    detail.code = UploadErrorCode.rateLimited;
  } else if (code === 100 || code === 0) {
    detail.code = UploadErrorCode.auth;
    detail.sentence = `${service.label} rejected the API key (${quoted}). Check ${keySetting} in Settings → ${service.label}.`;
    detail.setting = keySetting;
  } else if (code === 130) {
    detail.code = UploadErrorCode.emptySource;
    detail.sentence = `${service.label} received no image (${quoted}).`;
  } else if (code === 403 && message && /url upload/i.test(message)) {
    detail.code = UploadErrorCode.unsupported;
    detail.sentence = `${service.label} does not take image links with this API key (${quoted}). Upload the file itself instead.`;
  } else if (message && /too (big|large)|max(imum)? (file )?size/i.test(message)) {
    detail.code = UploadErrorCode.tooBig;
    detail.sentence = `${service.label} says the file is too big (${quoted}).`;
  } else if (code === 101 || code === 102 || code === 103) {
    detail.code = UploadErrorCode.badRequest;
    detail.sentence = `${service.label} already has this image (${quoted}).`;
  } else if (code === 401) {
    detail.code = UploadErrorCode.auth;
    detail.sentence = `${service.label} denied the request (${quoted}). Check ${keySetting} and that your account may use the API.`;
    detail.setting = keySetting;
  } else if (res.status < 500 && res.status !== 429 && message) {
    detail.code = UploadErrorCode.badRequest;
  }
  return responseFailure(service, res, detail, now);
}

import { UploadError, UploadErrorCode, type RetryPolicy, type UploadErrorCodeValue } from '../errors.js';
import { withoutControlCharacters } from '../../errors.js';
import { BodySourceError } from './body.js';
import { describeLimit, RequestTimeoutError } from './timeouts.js';

/** Who is being talked to: `id` goes into UploadError.service, `label` into the sentence. */
export interface ServiceRef {
  id: string;
  label: string;
}

/** What the failure helpers need to know about a response. */
export interface ResponseInfo {
  status: number;
  statusText?: string;
  headers: Headers;
  text: string;
}

/** What a service's own error body said, when it said something. */
export interface ServiceDetail {
  /** Overrides the code the HTTP status would give (e.g. a rate limit reported as HTTP 400). */
  code?: UploadErrorCodeValue;
  /** The service's message, quoted to the user as it is. */
  message?: string;
  /** The service's own error code, named in the message: "(code 100)". */
  serviceCode?: string | number;
  /** When a rate limit lifts (epoch ms), if the service said. */
  retryAt?: number;
  /** The whole sentence, when the uploader knows better than the generic wording. */
  sentence?: string;
  /** The setting that fixes it (a refused key): the window opens that field. */
  setting?: string;
}

/** When no reset is announced, a rate-limited job waits this long rather than hammering. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** "in 45 seconds", "in 12 minutes", "in 3 hours": relative, so it reads the same in any time zone. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days`;
}

/** `Retry-After` as epoch ms: either seconds from now or an HTTP date. 0 or absent: undefined. */
export function retryAfterHeader(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) > 0 ? now + Number(value) * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) || date <= now ? undefined : date;
}

/** A server's text made safe to quote: one line, no markup, bounded. */
export function quoteServerText(text: string, max = 160): string {
  const flat = withoutControlCharacters(text).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function looksLikeHtml(res: ResponseInfo): boolean {
  return /html/i.test(res.headers.get('content-type') ?? '') || /^\s*<(!doctype|html)/i.test(res.text);
}

function httpStatus(res: ResponseInfo): string {
  return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
}

/**
 * A failed HTTP exchange as an UploadError: 429 and announced rate limits wait until the reset;
 * 5xx back off; any other 4xx is never retried (the same request would fail the same way).
 */
export function responseFailure(service: ServiceRef, res: ResponseInfo, detail: ServiceDetail, now: number): UploadError {
  const status = res.status;
  const reference = detail.serviceCode !== undefined ? `code ${detail.serviceCode}` : httpStatus(res);
  const quoted = detail.message ? `: ${quoteServerText(detail.message)}` : '';
  let code: UploadErrorCodeValue;
  if (detail.code) code = detail.code;
  else if (status === 429) code = UploadErrorCode.rateLimited;
  else if (status >= 500) code = UploadErrorCode.server;
  else if (status === 401 || status === 403) code = UploadErrorCode.auth;
  else if (status === 413) code = UploadErrorCode.tooBig;
  else code = UploadErrorCode.badRequest;

  // The service's message, else its reply when that is short text (an HTML error page says nothing).
  const said = quoted || (looksLikeHtml(res) ? '' : quotedBody(res));
  let retry: RetryPolicy;
  let sentence: string;
  if (code === UploadErrorCode.rateLimited) {
    const at = Math.max(detail.retryAt ?? retryAfterHeader(res.headers, now) ?? now + DEFAULT_RATE_LIMIT_WAIT_MS, now + 1000);
    retry = { kind: 'after', at };
    sentence = `${service.label} is refusing more uploads for now (${reference}${said}). It takes uploads again ${describeWait(at - now)}.`;
  } else if (code === UploadErrorCode.server) {
    retry = { kind: 'backoff' };
    sentence = `${service.label} had a problem on its side (${reference}${said}).`;
  } else {
    retry = { kind: 'never' };
    const what =
      code === UploadErrorCode.auth
        ? `${service.label} refused the credentials`
        : code === UploadErrorCode.tooBig
          ? `${service.label} says the file is too big`
          : `${service.label} refused the upload`;
    const advice = code === UploadErrorCode.auth ? ` Check the ${service.label} settings.` : '';
    sentence = `${what} (${reference}${said}).${advice}`;
  }
  return new UploadError(code, detail.sentence ?? sentence, { service: service.id, retry, status, serviceCode: detail.serviceCode, setting: detail.setting });
}

function quotedBody(res: ResponseInfo): string {
  const text = quoteServerText(res.text);
  return text ? `: ${text}` : '';
}

/**
 * A reply that cannot be read (not JSON, or JSON without what it must hold). After a 2xx the
 * upload has probably gone through: retrying would leave a copy on the host, so it is not; after
 * a 4xx the request itself was wrong; only a 5xx page is retried.
 */
export function malformedFailure(service: ServiceRef, res: ResponseInfo, what = 'not valid JSON'): UploadError {
  const snippet = quoteServerText(res.text, 60);
  // After a 2xx the host probably has the file: a retry would upload a copy. Only a 5xx page may pass.
  const retry: RetryPolicy = res.status >= 500 ? { kind: 'backoff' } : { kind: 'never' };
  const type = res.headers.get('content-type')?.split(';')[0];
  return new UploadError(
    UploadErrorCode.malformed,
    `${service.label} sent a reply Shotput cannot read (HTTP ${res.status}${type ? `, ${type}` : ''}, ${what}${snippet ? `: "${snippet}"` : ''}).`,
    { service: service.id, retry, status: res.status },
  );
}

/**
 * A well-formed reply that lacks what it must hold (the link of the image just uploaded). Not
 * retried: the host accepted the request, and a second one would leave a copy there.
 */
export function missingInReply(service: ServiceRef, what: string): UploadError {
  return new UploadError(UploadErrorCode.malformed, `${service.label} answered without ${what}.`, {
    service: service.id,
    retry: { kind: 'never' },
  });
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function errnoOf(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether an error is the caller's own cancel (the signal), not a network failure. */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || causes(err).some((e) => (e as { name?: unknown }).name === 'AbortError');
}

export function cancelledError(service: ServiceRef): UploadError {
  return new UploadError(UploadErrorCode.cancelled, `The upload to ${service.label} was cancelled.`, { service: service.id, retry: { kind: 'never' } });
}

/**
 * Anything fetch threw as an UploadError: the caller's cancel, an unreadable file (never retried),
 * or a network failure (retried with backoff), worded by what actually happened.
 */
export function networkFailure(service: ServiceRef, err: unknown, signal: AbortSignal, url: URL): UploadError {
  if (err instanceof UploadError) return err;
  if (isAbort(err, signal)) return cancelledError(service);
  const source = causes(err).find((e): e is BodySourceError => e instanceof BodySourceError);
  if (source) {
    return new UploadError(UploadErrorCode.fileUnreadable, `Could not finish reading the file for ${service.label}: ${source.message}.`, {
      service: service.id,
      retry: { kind: 'never' },
      cause: err,
    });
  }
  const errno = errnoOf(err);
  const host = url.host;
  const timeout = causes(err).find((e): e is RequestTimeoutError => e instanceof RequestTimeoutError);
  if (timeout) {
    const what =
      timeout.kind === 'connect'
        ? `Could not connect to ${service.label} at ${host}: no connection within ${describeLimit(timeout.ms)}.`
        : timeout.kind === 'idle'
          ? `${service.label} at ${host} stopped answering: nothing was sent or received for ${describeLimit(timeout.ms)}.`
          : `The upload to ${service.label} at ${host} took longer than the ${describeLimit(timeout.ms)} a request may take (network.requestTimeoutSeconds).`;
    return new UploadError(UploadErrorCode.network, what, { service: service.id, retry: { kind: 'backoff' }, cause: err });
  }
  if (causes(err).some((e) => /redirect/i.test((e as Error | undefined)?.message ?? ''))) {
    return new UploadError(
      UploadErrorCode.badRequest,
      `${service.label} at ${host} answered the upload with a redirect, which an upload cannot follow. Check the address in Settings (https:// rather than http://, or the exact path).`,
      { service: service.id, retry: { kind: 'never' }, cause: err },
    );
  }
  let what: string;
  switch (errno) {
    case 'ECONNREFUSED':
      what = `Could not connect to ${service.label} at ${host}: the connection was refused. Check the address in Settings.`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      what = `Could not find ${host} (${service.label}). Check your internet connection and the address in Settings.`;
      break;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      what = `${service.label} at ${host} did not answer in time.`;
      break;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      what = `The connection to ${service.label} at ${host} was cut off before the upload finished.`;
      break;
    default:
      what = `Could not reach ${service.label} at ${host}${errno ? ` (${errno})` : ''}.`;
  }
  return new UploadError(UploadErrorCode.network, what, {
    service: service.id,
    retry: { kind: 'backoff' },
    cause: err,
  });
}

/** The reply was larger than the caller accepts; reading stopped at the cap. */
export class ReplyTooLargeError extends Error {
  constructor(readonly max: number) {
    super(`the reply is larger than ${formatLimit(max)}`);
    this.name = 'ReplyTooLargeError';
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The status came but its reply could not be read (cut off, too large, or the host went quiet).
 * After a 2xx the host has very likely taken the upload: sending it again would leave copies, so
 * it is never retried and the user is told to look before trying again. Otherwise it is a network
 * failure like any other.
 */
export function replyFailure(service: ServiceRef, status: number, err: unknown, signal: AbortSignal, url: URL): UploadError {
  if (isAbort(err, signal) && !causes(err).some((e) => e instanceof RequestTimeoutError)) return cancelledError(service);
  const tooLarge = causes(err).find((e): e is ReplyTooLargeError => e instanceof ReplyTooLargeError);
  const accepted = status >= 200 && status < 300;
  if (!accepted && !tooLarge) return networkFailure(service, err, signal, url);
  const why = tooLarge ? `its reply was too large (Shotput reads at most ${formatLimit(tooLarge.max)})` : `its reply was cut off (${networkFailure(service, err, signal, url).message})`;
  const message = accepted
    ? `${service.label} at ${url.host} took the upload (HTTP ${status}) but ${why}. It may be on ${service.label} already: check there before uploading it again.`
    : `${service.label} at ${url.host} answered HTTP ${status} but ${why}.`;
  return new UploadError(UploadErrorCode.malformed, message, { service: service.id, retry: { kind: 'never' }, status, cause: err });
}

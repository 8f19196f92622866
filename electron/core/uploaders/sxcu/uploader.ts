/**
 * `custom:<name>`: an imported .sxcu file as an uploader. The request is what request.ts builds
 * from the file, sent through the shared upload path (streamed, with progress and cancel); the
 * answer is read by response.ts and failures are worded like every other uploader's.
 */
import { readFile } from 'node:fs/promises';
import { ShotputError } from '../../errors.js';
import { checkSource, httpIO, serviceOf } from '../common.js';
import { UploadError, UploadErrorCode } from '../errors.js';
import { fileBody, multipartBody, textBody, type MultipartPart, type RequestBody } from '../http/body.js';
import { responseFailure, type ServiceRef } from '../http/failure.js';
import { sendRequest, type HttpIO, type HttpRequest, type HttpResponse } from '../http/send.js';
import type { UploadContext, Uploader, UploaderDescriptor, UploadOptions, UploadResult, UploadSource } from '../types.js';
import type { NamePatternEnv } from './name-patterns.js';
import { listQuestions, resolveAnswers } from './questions.js';
import { buildRequest, supportsPayload, type SxcuRequest } from './request.js';
import { readResponse } from './response.js';
import type { SxcuPayload, SxcuRunContext } from './scope.js';
import type { SxcuSpec } from './spec.js';
import { settingsSection, withEntryValue, type StoredCustomUploader } from './store.js';

/** Text uploaders read a dropped text file into `{input}`; beyond this it is not a paste. */
const MAX_TEXT_BYTES = 1024 * 1024;

function descriptorOf(stored: StoredCustomUploader): UploaderDescriptor {
  const { destinations } = stored.spec;
  return {
    id: stored.id,
    label: stored.label,
    settings: settingsSection(stored).fields,
    capabilities: {
      albums: false,
      delete: false,
      remoteUrl: supportsPayload(stored.spec, 'url'),
      expiration: [],
      // The host's limit is not in the file; the host says so if a file is too big.
      maxBytes: Number.MAX_SAFE_INTEGER,
      accepts: destinations.includes('ImageUploader') && !destinations.includes('FileUploader') && !destinations.includes('TextUploader') ? 'image' : 'any',
    },
  };
}

function refusal(service: ServiceRef, err: unknown): unknown {
  if (err instanceof ShotputError && !(err instanceof UploadError)) {
    return new UploadError(err.code, err.message, { service: service.id, retry: { kind: 'never' }, cause: err });
  }
  return err;
}

/** The spec with its secret values, read through the context (so `--set` overrides apply). */
async function specWithSecrets(stored: StoredCustomUploader, ctx: UploadContext): Promise<SxcuSpec> {
  let spec = stored.spec;
  const prefix = `uploaders.${stored.id}.`;
  for (const ref of stored.secrets) spec = withEntryValue(spec, ref, (await ctx.config.getSecret(ref.key.slice(prefix.length))) ?? '');
  return spec;
}

async function payloadOf(service: ServiceRef, spec: SxcuSpec, source: UploadSource): Promise<SxcuPayload> {
  if (source.kind === 'url') return { kind: 'url', url: source.url };
  if (supportsPayload(spec, 'file')) return { kind: 'file', fileName: source.name, mime: source.mime };
  if (supportsPayload(spec, 'text') && (source.mime.startsWith('text/') || source.mime === 'application/json') && source.size <= MAX_TEXT_BYTES) {
    return { kind: 'text', fileName: source.name, mime: source.mime, text: await readFile(source.path, 'utf8') };
  }
  const what = supportsPayload(spec, 'text') ? 'text files up to 1 MB' : 'links';
  throw new UploadError(UploadErrorCode.unsupported, `${service.label} takes ${what}, not ${source.name} (${source.mime}). Choose a file uploader for it.`, {
    service: service.id,
    retry: { kind: 'never' },
  });
}

async function bodyOf(service: ServiceRef, request: SxcuRequest, source: UploadSource): Promise<RequestBody | undefined> {
  const body = request.body;
  // Whatever the request carries from the upload itself comes from the file on disk (links are
  // never sent as a file: the reader refuses such files).
  const file = (contentType: string, filename: string) => ({ path: source.kind === 'file' ? source.path : '', filename, contentType });
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'multipart': {
      const parts: MultipartPart[] = body.fields.map(({ name, value }) => ({ name, value }));
      if (body.file) parts.push({ name: body.file.field, file: file(body.file.contentType, body.file.fileName) });
      return multipartBody(parts, { service: service.label });
    }
    case 'form-urlencoded':
      return textBody(body.text, 'application/x-www-form-urlencoded');
    case 'text':
      return textBody(body.text, body.contentType);
    case 'binary':
      return fileBody(file(body.contentType, ''), { service: service.label });
  }
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects itself, as ShareX's client does: fetch refuses to follow a 302 after a
 * streamed body, yet hosts answer an upload with one (Chevereto's format=redirect), and
 * `{responseurl}` is where the chain ends. 307/308 send the body again (it can be reopened); the
 * others continue with a GET, as browsers do. Credentials do not follow to another origin: its
 * headers are dropped, and a 307/308 that would send the body there is refused.
 */
export async function sendFollowingRedirects(request: HttpRequest, io: HttpIO): Promise<HttpResponse> {
  let current = request;
  for (let hop = 0; ; hop++) {
    const res = await sendRequest({ ...current, redirect: 'manual' }, io);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location || hop >= MAX_REDIRECTS) return res;
    const next = new URL(location, current.url);
    const resend = res.status === 307 || res.status === 308 || (res.status !== 303 && current.method !== 'POST');
    const sameOrigin = next.origin === new URL(current.url).origin;
    if (resend && !sameOrigin && current.body) {
      // The body carries the file and the .sxcu Arguments, credentials among them: it never
      // follows to a host the user did not choose.
      throw new UploadError(
        UploadErrorCode.badRequest,
        `${request.service.label} redirected the upload to another host (${next.host}); Shotput does not send your file and credentials to a host you did not choose. If the service has moved, put its new address in the uploader's RequestURL.`,
        { service: request.service.id, retry: { kind: 'never' }, status: res.status },
      );
    }
    current = {
      ...current,
      url: next.href,
      method: resend ? current.method : 'GET',
      body: resend ? current.body : undefined,
      // The new address carries its own query: the old one (with any key in it) is not appended.
      query: undefined,
      headers: sameOrigin ? current.headers : {},
    };
  }
}

export interface CustomUploaderDeps {
  /** Clock, randomness and machine names for `%` patterns and `{random}`. */
  env: NamePatternEnv;
}

export function createCustomUploader(stored: StoredCustomUploader, deps: CustomUploaderDeps): Uploader {
  const descriptor = descriptorOf(stored);
  const service = serviceOf(descriptor);

  return {
    descriptor,

    async upload(source: UploadSource, options: UploadOptions, ctx: UploadContext): Promise<UploadResult> {
      checkSource(descriptor, source);
      const spec = await specWithSecrets(stored, ctx);
      let run: SxcuRunContext;
      let payload: SxcuPayload;
      let request: SxcuRequest;
      try {
        run = {
          env: deps.env,
          answers: resolveAnswers(service.label, listQuestions(spec), options.answers),
          output: (title, text) => ctx.logger.info(`${service.label}: ${title}: ${text}`),
        };
        payload = await payloadOf(service, spec, source);
        request = buildRequest(spec, payload, run);
      } catch (err) {
        throw refusal(service, err);
      }
      const res = await sendFollowingRedirects(
        {
          service,
          method: request.method,
          url: request.url,
          headers: Object.fromEntries(request.headers.map((h) => [h.name, h.value])),
          body: await bodyOf(service, request, source),
        },
        httpIO(ctx),
      );
      const outcome = readResponse(spec, payload, res, run);
      if (outcome.ok) return outcome.result;
      if (outcome.kind === 'rejected') throw responseFailure(service, res, { message: outcome.message }, ctx.now());
      // The file reads the answer the same way every time: trying again would only upload a duplicate.
      throw new UploadError(UploadErrorCode.malformed, outcome.message, { service: service.id, retry: { kind: 'never' }, status: res.status });
    },
  };
}

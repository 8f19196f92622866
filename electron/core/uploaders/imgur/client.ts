/**
 * One Imgur API call: the base URL and auth header (Client-ID, or Bearer with the token renewed
 * before it expires and once more on "The access token provided is invalid."), the rate-limit
 * headers reported, and Imgur's `{data, success, status}` replies and errors read.
 */
import { baseUrlOf, httpIO, requireSecret, settingKey } from '../common.js';
import { UploadError, UploadErrorCode, type UploadErrorCodeValue } from '../errors.js';
import { formBody, type RequestBody } from '../http/body.js';
import { malformedFailure, responseFailure, type ServiceDetail, type ServiceRef } from '../http/failure.js';
import { isObject, numberField, sendRequest, stringField, type HttpResponse, type QueryValue } from '../http/send.js';
import type { UploadContext } from '../types.js';
import { imgurRateLimit, imgurRetryAt } from './rate-limit.js';

export const IMGUR: ServiceRef = { id: 'imgur', label: 'Imgur' };

/** Renew this long before the token's announced expiry, so a slow upload does not outlive it. */
const RENEW_MARGIN_MS = 5 * 60_000;
const CONNECT_AGAIN = 'Connect the account again in Settings → Imgur.';

export interface ImgurCall {
  method?: string;
  /** From the API root, e.g. `/3/image`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: RequestBody;
  /** 'client': anonymous (Client-ID); 'user': the connected account (Bearer). */
  auth: 'client' | 'user';
  /** Report upload progress through the context (uploads only). */
  progress?: boolean;
}

export interface TokenReply {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  account_username?: string;
}

function notConnected(): UploadError {
  return new UploadError(UploadErrorCode.notConfigured, 'No Imgur account is connected. Choose "Connect account" in Settings → Imgur.', {
    service: IMGUR.id,
    retry: { kind: 'never' },
  });
}

export async function isAccountConnected(ctx: UploadContext): Promise<boolean> {
  return Boolean(await ctx.config.getSecret('refreshToken'));
}

export function clientId(ctx: UploadContext): Promise<string> {
  return requireSecret(ctx, IMGUR, 'clientId', 'a Client ID', 'Register an application at https://api.imgur.com/oauth2/addclient to get one.');
}

/** Keeps what the token endpoint or the authorize redirect gave. */
export async function storeTokens(ctx: UploadContext, tokens: TokenReply): Promise<void> {
  await ctx.config.setSecret('accessToken', tokens.access_token);
  await ctx.config.setSecret('tokenExpiresAt', String(ctx.now() + tokens.expires_in * 1000));
  if (tokens.refresh_token) await ctx.config.setSecret('refreshToken', tokens.refresh_token);
  if (tokens.account_username) await ctx.config.set('account', tokens.account_username);
}

export async function forgetTokens(ctx: UploadContext): Promise<void> {
  for (const secret of ['accessToken', 'tokenExpiresAt', 'refreshToken']) await ctx.config.setSecret(secret, undefined);
  await ctx.config.set('account', '');
}

/** Two uploads that find the token stale at once share one renewal. */
const renewing = new Map<string, Promise<string>>();

async function renew(ctx: UploadContext, refreshToken: string): Promise<string> {
  const id = await clientId(ctx);
  const secret = await requireSecret(ctx, IMGUR, 'clientSecret', "the application's Client secret", 'It is shown with the Client ID at https://imgur.com/account/settings/apps.');
  const res = await sendRequest(
    {
      service: IMGUR,
      url: `${baseUrlOf(ctx, IMGUR)}/oauth2/token`,
      headers: { Accept: 'application/json' },
      body: formBody([
        ['refresh_token', refreshToken],
        ['client_id', id],
        ['client_secret', secret],
        ['grant_type', 'refresh_token'],
      ]),
    },
    { fetch: ctx.fetch, signal: ctx.signal },
  );
  const json = res.json();
  const access = stringField(json, 'access_token');
  const expiresIn = numberField(json, 'expires_in');
  if (res.status === 200 && access && expiresIn !== undefined) {
    await storeTokens(ctx, { access_token: access, expires_in: expiresIn, refresh_token: stringField(json, 'refresh_token'), account_username: stringField(json, 'account_username') });
    return access;
  }
  if (res.status === 200) throw malformedFailure(IMGUR, res, 'no access token in the reply');
  if (res.status >= 400 && res.status < 500 && res.status !== 429) {
    const said = messageOf(json);
    throw new UploadError(
      UploadErrorCode.auth,
      `Imgur no longer accepts Shotput's access to your account (HTTP ${res.status}${said ? `: ${said}` : ''}). ${CONNECT_AGAIN}`,
      { service: IMGUR.id, retry: { kind: 'never' }, status: res.status },
    );
  }
  throw imgurFailure(res, ctx.now(), 'user');
}

/** A Bearer token that is good for a while yet, renewed through the refresh token if not. */
export async function accessToken(ctx: UploadContext, options: { force?: boolean } = {}): Promise<string> {
  const current = await ctx.config.getSecret('accessToken');
  const expiresAt = Number((await ctx.config.getSecret('tokenExpiresAt')) ?? 0);
  if (!options.force && current && expiresAt - ctx.now() > RENEW_MARGIN_MS) return current;
  const refreshToken = await ctx.config.getSecret('refreshToken');
  if (!refreshToken) throw notConnected();
  let pending = renewing.get(refreshToken);
  if (!pending) {
    pending = renew(ctx, refreshToken).finally(() => renewing.delete(refreshToken));
    renewing.set(refreshToken, pending);
  }
  return pending;
}

function messageOf(json: unknown): string | undefined {
  return stringField(json, 'data', 'error') ?? stringField(json, 'data', 'error', 'message') ?? stringField(json, 'error', 'message') ?? stringField(json, 'error');
}

function isStaleToken(res: HttpResponse): boolean {
  return res.status === 403 && /access token provided is invalid/i.test(messageOf(res.json()) ?? '');
}

/** Imgur's error bodies: `{"data": {"error": "…"}}`, or `{"error": {"code", "message"}}` inside an HTTP 400. */
export function imgurFailure(res: HttpResponse, now: number, auth: 'client' | 'user'): UploadError {
  const json = res.json();
  const message = messageOf(json);
  const innerCode = numberField(json, 'error', 'code');
  const detail: ServiceDetail = { message, serviceCode: innerCode };
  let code: UploadErrorCodeValue | undefined;
  if (res.status === 429) {
    detail.retryAt = imgurRetryAt(res.headers, now);
  } else if (isStaleToken(res)) {
    code = UploadErrorCode.auth;
    detail.sentence = `Imgur refused the account's access token even after renewing it (HTTP 403: ${message}). ${CONNECT_AGAIN}`;
  } else if ((res.status === 401 || res.status === 403) && auth === 'client') {
    code = UploadErrorCode.auth;
    detail.sentence = `Imgur refused the Client ID (HTTP ${res.status}${message ? `: ${message}` : ''}). Check ${settingKey('imgur', 'clientId')} in Settings → Imgur.`;
    detail.setting = settingKey('imgur', 'clientId');
  } else if (message && /over the size limit|too large/i.test(message)) {
    code = UploadErrorCode.tooBig;
  } else if (res.status === 400 && innerCode === undefined) {
    code = UploadErrorCode.badRequest;
  }
  if (code) detail.code = code;
  return responseFailure(IMGUR, res, detail, now);
}

/**
 * Sends one call and resolves with Imgur's `data`. With the account, a stale token is renewed
 * and the call sent once more (the body is re-read from disk).
 */
export async function imgurCall(ctx: UploadContext, call: ImgurCall): Promise<unknown> {
  const base = baseUrlOf(ctx, IMGUR);
  const send = async (authorization: string) => {
    const res = await sendRequest(
      {
        service: IMGUR,
        method: call.method,
        url: `${base}${call.path}`,
        query: call.query,
        headers: { Authorization: authorization, Accept: 'application/json' },
        body: call.body,
      },
      call.progress ? httpIO(ctx) : { fetch: ctx.fetch, signal: ctx.signal },
    );
    const limit = imgurRateLimit(res.headers, ctx.now());
    if (limit) ctx.reportRateLimit?.(limit);
    return res;
  };
  let res: HttpResponse;
  if (call.auth === 'client') {
    res = await send(`Client-ID ${await clientId(ctx)}`);
  } else {
    res = await send(`Bearer ${await accessToken(ctx)}`);
    if (isStaleToken(res)) {
      ctx.logger.info('Imgur said the access token is invalid; renewing it and trying once more.');
      res = await send(`Bearer ${await accessToken(ctx, { force: true })}`);
    }
  }
  const json = res.json();
  if (res.status >= 200 && res.status < 300) {
    if (!isObject(json) || json.success !== true) {
      if (isObject(json) && json.success === false) throw imgurFailure(res, ctx.now(), call.auth);
      throw malformedFailure(IMGUR, res, json === undefined ? undefined : 'no "success" in the reply');
    }
    return json.data;
  }
  throw imgurFailure(res, ctx.now(), call.auth);
}

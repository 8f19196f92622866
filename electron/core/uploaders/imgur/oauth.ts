/**
 * Connecting an Imgur account (OAuth2, `response_type=token`). Imgur sends the browser back to
 * the application's registered callback with the tokens in the URL fragment, which never reaches
 * a server: so Shotput listens on 127.0.0.1 for the callback, serves a page whose script posts
 * the fragment back to the listener, checks `state`, and keeps the tokens as secrets. Opening
 * the browser is injected (Electron's shell.openExternal in the app).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { baseUrlOf, requireSecret, settingKey } from '../common.js';
import { UploadError, UploadErrorCode, type UploadErrorCodeValue } from '../errors.js';
import type { UploadContext } from '../types.js';
import { IMGUR, clientId, storeTokens } from './client.js';

export const CALLBACK_PATH = '/imgur/callback';
const DEFAULT_WAIT_MS = 5 * 60_000;
const MAX_FRAGMENT_BYTES = 8 * 1024;

export interface ConnectOptions {
  /** Imgur's upload context: its settings, fetch, clock, and a signal that cancels the wait. */
  ctx: UploadContext;
  /** Shows the authorize page to the user (their browser). */
  openUrl(url: string): Promise<void>;
  /** How long to wait for the user to answer Imgur. */
  waitMs?: number;
  /** Told the port actually listened on (tests ask for port 0). */
  onListening?(callbackUrl: string): void;
}

export function callbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${CALLBACK_PATH}`;
}

export function authorizeUrl(base: string, client: string, state: string): string {
  const url = new URL(`${base}/oauth2/authorize`);
  url.searchParams.set('client_id', client);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('state', state);
  return url.href;
}

// The callback page: moves the fragment out of the address bar and posts it to the listener.
const PAGE_SCRIPT = `(async () => {
  const status = document.getElementById('status');
  const heading = document.querySelector('h1');
  const fragment = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  if (!fragment) { heading.textContent = 'Not connected'; status.textContent = 'Imgur sent no sign-in details. Start again from Shotput.'; return; }
  try {
    const res = await fetch(location.pathname, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: fragment });
    heading.textContent = res.ok ? 'Connected' : 'Not connected';
    status.textContent = await res.text();
  } catch {
    heading.textContent = 'Not connected';
    status.textContent = 'Shotput is no longer waiting for this sign-in. Start again from Shotput.';
  }
})();`;
const SCRIPT_HASH = createHash('sha256').update(PAGE_SCRIPT).digest('base64');
const PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}';
const STYLE_HASH = createHash('sha256').update(PAGE_STYLE).digest('base64');

function page(heading: string, text: string, script = false): string {
  const escape = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>Shotput and Imgur</title><style>${PAGE_STYLE}</style></head><body><h1>${escape(heading)}</h1>` +
    `<p id="status" role="status">${escape(text)}</p>${script ? `<script>${PAGE_SCRIPT}</script>` : ''}</body></html>`
  );
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'sha256-${STYLE_HASH}'; connect-src 'self'`,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FRAGMENT_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function failure(code: UploadErrorCodeValue, message: string): UploadError {
  return new UploadError(code, message, { service: IMGUR.id, retry: { kind: 'never' } });
}

/**
 * Runs the whole connection: listens for the callback, opens the authorize page, waits for the
 * user, keeps the tokens. Resolves with the account name; rejects with an UploadError when the
 * user refuses, the wait times out, or it is cancelled.
 */
export async function connectImgurAccount(options: ConnectOptions): Promise<{ username?: string }> {
  const { ctx } = options;
  const base = baseUrlOf(ctx, IMGUR);
  const client = await clientId(ctx);
  // Needed later to renew the token; asked for now rather than after the user has signed in.
  await requireSecret(ctx, IMGUR, 'clientSecret', "the application's Client secret", 'It is shown with the Client ID at https://imgur.com/account/settings/apps.');
  const state = randomBytes(16).toString('hex');
  const port = Number(ctx.config.get('callbackPort'));

  let settle!: (outcome: { username?: string } | UploadError) => void;
  const outcome = new Promise<{ username?: string } | UploadError>((resolve) => (settle = resolve));
  let done = false;
  const finish = (value: { username?: string } | UploadError) => {
    if (done) return;
    done = true;
    settle(value);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH) return send(res, 404, 'text/plain', 'Not found');
    if (done) return send(res, 410, req.method === 'POST' ? 'text/plain' : 'text/html', req.method === 'POST' ? 'Shotput is no longer waiting for this sign-in.' : page('Not waiting', 'Shotput is no longer waiting for this sign-in. Start again from Shotput.'));
    if (req.method === 'GET') {
      const error = url.searchParams.get('error');
      if (error !== null) {
        if (url.searchParams.get('state') !== state) return send(res, 400, 'text/html', page('Not connected', 'This answer is not for the sign-in Shotput started. Start again from Shotput.'));
        finish(failure(UploadErrorCode.auth, `Imgur says access was not given (${error.slice(0, 60)}). Choose "Connect account" again and allow Shotput.`));
        return send(res, 200, 'text/html', page('Not connected', 'Shotput was not given access to your Imgur account. You can close this tab.'));
      }
      return send(res, 200, 'text/html', page('Connecting Shotput to Imgur…', 'One moment.', true));
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${(server.address() as AddressInfo).port}`) return send(res, 403, 'text/plain', 'Refused.');
    void readBody(req).then(async (body) => {
      const fields = new URLSearchParams(body ?? '');
      if (fields.get('state') !== state) return send(res, 400, 'text/plain', 'This sign-in did not come from the request Shotput made. Start again from Shotput.');
      const access = fields.get('access_token');
      const refresh = fields.get('refresh_token');
      const expiresIn = Number(fields.get('expires_in'));
      if (!access || !refresh || !Number.isFinite(expiresIn) || expiresIn <= 0) {
        return send(res, 400, 'text/plain', 'Imgur did not send the tokens Shotput needs. Start again from Shotput.');
      }
      const username = fields.get('account_username') ?? undefined;
      try {
        await storeTokens(ctx, { access_token: access, refresh_token: refresh, expires_in: expiresIn, account_username: username });
      } catch (err) {
        finish(err instanceof UploadError ? err : failure(UploadErrorCode.auth, `Shotput could not keep the Imgur tokens: ${(err as Error).message}`));
        return send(res, 500, 'text/plain', 'Shotput could not save the sign-in. See Shotput for details.');
      }
      finish({ username });
      send(res, 200, 'text/plain', `Shotput is connected to Imgur${username ? ` as ${username}` : ''}. You can close this tab.`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? failure(
              UploadErrorCode.notConfigured,
              `Port ${port} on this computer is taken, so Shotput cannot receive Imgur's answer. Choose another ${settingKey('imgur', 'callbackPort')} in Settings → Imgur and register http://127.0.0.1:<port>${CALLBACK_PATH} as your Imgur application's callback.`,
            )
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const listening = callbackUrl((server.address() as AddressInfo).port);
  options.onListening?.(listening);

  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const timer = setTimeout(
    () => finish(failure(UploadErrorCode.cancelled, `Imgur did not send you back to Shotput within ${Math.round(waitMs / 60_000)} minutes. Choose "Connect account" to try again.`)),
    waitMs,
  );
  const onAbort = () => finish(failure(UploadErrorCode.cancelled, 'Connecting the Imgur account was cancelled.'));
  if (ctx.signal.aborted) onAbort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (!done) {
      await options.openUrl(authorizeUrl(base, client, state)).catch((err: unknown) =>
        finish(failure(UploadErrorCode.notConfigured, `Shotput could not open your browser to sign in to Imgur: ${(err as Error).message}`)),
      );
    }
    const result = await outcome;
    if (result instanceof UploadError) throw result;
    return result;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * The `ui-request` channel: how a `shotput` command asks the running app to show UI (the region
 * overlay) that only the app can show. A Unix socket in the profile (a named pipe on Windows),
 * reachable only by the user who owns the profile. One JSON line each way per connection:
 *
 *   → {"v":1,"action":"capture.region","delaySeconds":0}
 *   ← {"ok":true} | {"ok":false,"error":{"code":"…","message":"…"}}
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ShotputError, toUserError } from './errors.js';

export const UI_ACTIONS = ['capture.region', 'capture.screen', 'capture.window', 'capture.lastRegion'] as const;

export const uiRequestSchema = z
  .object({
    v: z.literal(1),
    action: z.enum(UI_ACTIONS),
    delaySeconds: z.number().min(0).max(10).optional(),
  })
  .strict();

export type UiRequest = z.infer<typeof uiRequestSchema>;
export type UiReply = { ok: true } | { ok: false; error: { code: string; message: string } };

const MAX_LINE = 4096;
/** sun_path holds 104–108 bytes depending on the OS. */
const MAX_SOCKET_PATH = 100;

export function uiRequestAddress(profileDir: string, platform: NodeJS.Platform = process.platform): string {
  const id = createHash('sha256').update(profileDir).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\shotput-${id}`;
  const inProfile = join(profileDir, 'ui.sock');
  return Buffer.byteLength(inProfile) <= MAX_SOCKET_PATH ? inProfile : join(tmpdir(), `shotput-${id}.sock`);
}

function readLine(socket: Socket, onLine: (line: string) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end !== -1) {
      socket.removeAllListeners('data');
      onLine(buffered.slice(0, end));
    } else if (buffered.length > MAX_LINE) socket.destroy();
  });
}

export interface UiRequestServer {
  address: string;
  close(): Promise<void>;
}

/**
 * Serves ui-requests for the app (electron/main starts it after the single-instance lock).
 * A socket file left by a crashed app is replaced; a live one means another app serves it.
 */
export async function startUiRequestServer(options: {
  profileDir: string;
  handle: (request: UiRequest) => Promise<void>;
  platform?: NodeJS.Platform;
}): Promise<UiRequestServer> {
  const platform = options.platform ?? process.platform;
  const address = uiRequestAddress(options.profileDir, platform);
  const server = createServer({ allowHalfOpen: false }, (socket) => {
    socket.on('error', () => undefined);
    readLine(socket, (line) => {
      const reply = (answer: UiReply) => socket.end(`${JSON.stringify(answer)}\n`);
      let request: UiRequest;
      try {
        const parsed = uiRequestSchema.safeParse(JSON.parse(line));
        if (!parsed.success) return reply({ ok: false, error: { code: 'invalid_request', message: `Not a ui-request this app understands: ${parsed.error.issues[0]?.message}` } });
        request = parsed.data;
      } catch {
        return reply({ ok: false, error: { code: 'invalid_request', message: 'A ui-request is one line of JSON.' } });
      }
      options.handle(request).then(
        () => reply({ ok: true }),
        (err: unknown) => reply({ ok: false, error: toUserError(err) }),
      );
    });
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || platform === 'win32') throw err;
    if (await isServing(address)) throw new ShotputError('already_running', 'Another Shotput app already serves this profile.');
    await rm(address, { force: true });
    await listen();
  }
  return {
    address,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function isServing(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(address, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** The CLI's side: resolves to the app's reply, or null when no app is listening. */
export function sendUiRequest(profileDir: string, request: UiRequest, timeoutMs = 15_000): Promise<UiReply | null> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(uiRequestAddress(profileDir));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ShotputError('app_not_answering', `The Shotput app did not answer within ${timeoutMs / 1000} s. Is it busy or stuck? Restart it, or use --region or --all.`));
    }, timeoutMs);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(err.code ?? '')) resolve(null);
      else reject(err);
    });
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    readLine(socket, (line) => {
      clearTimeout(timer);
      socket.destroy();
      try {
        resolve(JSON.parse(line) as UiReply);
      } catch {
        reject(new ShotputError('app_bad_answer', 'The Shotput app gave an answer this command does not understand; are both the same version?'));
      }
    });
  });
}

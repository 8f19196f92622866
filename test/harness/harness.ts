import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { fail } from '../../shared/ipc/result.js';
import { decodeWire, HARNESS_IPC_PATH, type ServerMessage } from '../../shared/ipc/wire.js';
import type { Core } from '../../electron/core/app.js';
import { resolveAppPath } from '../../electron/core/files/app-paths.js';
import { createDispatcher } from '../../electron/core/ipc/dispatch.js';
import { createHandlers } from '../../electron/core/ipc/handlers.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

export interface Harness {
  url: string;
  port: number;
  close(): Promise<void>;
}

function isInvoke(value: unknown): value is { type: 'invoke'; id: number; channel: unknown; payload: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'invoke' && typeof v.id === 'number' && Number.isSafeInteger(v.id);
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the IPC contract over a WebSocket to the
 * core's handler table: the renderer runs exactly as in Electron, with this in place of preload.
 * Like main's sender check, only pages served by this harness may connect.
 */
export async function startHarness(options: { core: Core; rendererDir: string; port: number }): Promise<Harness> {
  const { core, rendererDir } = options;
  const dispatch = createDispatcher(createHandlers(core), core.logger);
  const sockets = new Set<WebSocket>();
  let origin = '';

  const serveFile = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The renderer, and the local history thumbnails as the app serves them from the profile.
    const resolved = await resolveAppPath(url.pathname, { '/': rendererDir, '/thumbs/': core.uploads.thumbnailsDir });
    if (!resolved.ok) {
      res.writeHead(resolved.status, { 'Content-Type': 'text/plain' }).end(resolved.reason);
      return;
    }
    const file = resolved.file;
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  };

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveFile(req, res);
  });

  // Room for a dropped file of the largest size the contract accepts, base64-encoded.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 300 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== HARNESS_IPC_PATH || req.headers.origin !== origin) {
      core.logger.warn(`Refused a WebSocket from origin ${req.headers.origin ?? '(none)'} to ${path}.`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', async (data) => {
      let message: unknown;
      try {
        message = decodeWire(data.toString());
      } catch {
        send(ws, { type: 'result', id: 0, result: fail('invalid_message', 'The message is not JSON.') });
        return;
      }
      if (!isInvoke(message)) {
        const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : 0;
        send(ws, { type: 'result', id, result: fail('invalid_message', 'Expected {type:"invoke", id, channel, payload}.') });
        return;
      }
      send(ws, { type: 'result', id: message.id, result: await dispatch(String(message.channel), message.payload) });
    });
  });

  const offEvents = core.events.onAny((event, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', event, payload } as ServerMessage);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    port,
    async close() {
      offEvents();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

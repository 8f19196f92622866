/**
 * `npm run harness -- --editor IMAGE --output FILE [--upload]`: the editor page on any image, served
 * to a browser with the editor contract over a WebSocket. Ctrl+S writes the flattened result to
 * FILE and prints `Saved <FILE>`; Enter (Done) does the same and, with --upload, uploads it to the
 * profile's default uploader and prints `Uploaded <url>`; a discard prints `{"discarded":true}`.
 */
import { createServer } from 'node:http';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join, normalize, relative, isAbsolute } from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { decodeBinaryWire, decodeWire, encodeWire, HARNESS_IPC_PATH } from '../../shared/ipc/wire.js';
import { DEFAULT_EDITOR_STYLE, type ShapeStyle } from '../../shared/editor/shapes.js';
import { createEditorSession, type EditedImage, type EditorOutcome } from '../../electron/core/editor/session.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface EditorHarnessOptions {
  imagePath: string;
  output: string;
  rendererDir: string;
  port: number;
  /** Uploads a finished result and answers its link (the harness's core), or null to only save. */
  upload: ((name: string, png: Buffer) => Promise<string>) | null;
}

export interface EditorHarness {
  url: string;
  outcome: Promise<EditorOutcome>;
  close(): Promise<void>;
}

export async function startEditorHarness(options: EditorHarnessOptions): Promise<EditorHarness> {
  const { data, info } = await sharp(options.imagePath).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let style: ShapeStyle = DEFAULT_EDITOR_STYLE;

  const writeResult = async (image: EditedImage) => {
    const png = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
      raw: { width: image.width, height: image.height, channels: 4 },
    })
      .png()
      .toBuffer();
    const temp = `${options.output}.${process.pid}.tmp`;
    await writeFile(temp, png);
    await rename(temp, options.output);
    return png;
  };

  const session = createEditorSession({
    init: { frame: { url: '/frame', width: info.width, height: info.height, format: 'rgba' }, document: null, style, title: basename(options.imagePath) },
    rememberStyle: (next) => {
      style = next;
    },
    async save(image) {
      await writeResult(image);
      console.log(`Saved ${options.output}`);
      return options.output;
    },
    async copy(image) {
      console.log(`Copied ${image.width}×${image.height}`);
    },
    async finish(image) {
      const png = await writeResult(image);
      console.log(`Saved ${options.output}`);
      if (!options.upload) return `Saved ${options.output}`;
      const url = await options.upload(basename(options.output), png);
      console.log(`Uploaded ${url}`);
      return `Uploaded: ${url}`;
    },
  });

  let origin = '';
  const server = createServer((req, res) => {
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/frame') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length, 'Cache-Control': 'no-store' }).end(data);
      return;
    }
    let wanted: string;
    try {
      wanted = decodeURIComponent(path === '/' ? '/editor.html' : path);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    const file = normalize(join(options.rendererDir, wanted));
    const rel = relative(options.rendererDir, file);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-store',
          })
          .end(body),
      () => res.writeHead(404).end('Not found'),
    );
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== HARNESS_IPC_PATH || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', async (raw: Buffer, isBinary: boolean) => {
        const message = (() => {
          try {
            return (isBinary ? decodeBinaryWire(raw) : decodeWire(raw.toString())) as { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
          } catch {
            return null;
          }
        })();
        if (!message || message.type !== 'invoke' || typeof message.id !== 'number') return;
        const result = await session.dispatch(String(message.channel), message.payload);
        ws.send(encodeWire({ type: 'result', id: message.id, result }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/editor.html`,
    outcome: session.outcome,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import sharp from 'sharp';

export interface XServer {
  /** e.g. ":7", for DISPLAY. */
  display: string;
  env: NodeJS.ProcessEnv;
  /** Runs an X client on this display; it is ended by close(). */
  spawnClient(command: string, args: string[]): ChildProcess;
  close(): Promise<void>;
}

function requireTool(command: string, pkg: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${command} is not installed; capture tests need it (apt-get install ${pkg}; .ci/run installs it).`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A private Xvfb (the display number chosen by Xvfb itself with -displayfd, so parallel runs
 * never collide), with openbox as window manager unless `windowManager` is false.
 */
export async function startXServer(options: { size?: string; windowManager?: boolean } = {}): Promise<XServer> {
  requireTool('Xvfb', 'xvfb');
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${options.size ?? '1280x800'}x24`, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  xvfb.stderr!.on('data', (d) => (log += d));
  const number = await new Promise<string>((resolve, reject) => {
    createInterface({ input: xvfb.stdio[3] as Readable }).once('line', resolve);
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${log}`)));
  });
  const display = `:${number.trim()}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display };
  delete env['WAYLAND_DISPLAY'];
  env['XDG_SESSION_TYPE'] = 'x11';
  const clients: ChildProcess[] = [];
  const spawnClient = (command: string, args: string[]) => {
    const child = spawn(command, args, { env, stdio: 'ignore' });
    child.on('error', () => undefined);
    clients.push(child);
    return child;
  };
  if (options.windowManager !== false) {
    requireTool('openbox', 'openbox');
    spawnClient('openbox', ['--sm-disable']);
    await waitFor(() => spawnSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { env, encoding: 'utf8' }).stdout.includes('window id'), 'openbox to start');
  }
  return {
    display,
    env,
    spawnClient,
    async close() {
      await Promise.all(clients.map(stop));
      await stop(xvfb);
    },
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ShownImage {
  /** The X window id (decimal). */
  id: string;
  /** Where its pixels are on the screen (the client area, inside any frame). */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The screen's pixels in a rectangle as packed RGB, read by ImageMagick (independent of Shotput). */
export function screenPixels(server: XServer, rect: { x: number; y: number; width: number; height: number }): Buffer {
  return spawnSync('import', ['-silent', '-window', 'root', '-crop', `${rect.width}x${rect.height}+${rect.x}+${rect.y}`, '+repage', '-depth', '8', 'rgb:-'], {
    env: server.env,
    maxBuffer: 256 * 1024 * 1024,
  }).stdout;
}

/**
 * Shows a PNG in an ImageMagick `display` window titled `title`, and resolves once the X server
 * shows exactly its pixels (checked with ImageMagick's `import`), with where they are.
 */
export async function showImage(server: XServer, file: string, title: string, position = '+0+0'): Promise<ShownImage> {
  requireTool('display', 'imagemagick');
  requireTool('xdotool', 'xdotool');
  requireTool('xwininfo', 'x11-utils');
  server.spawnClient('display', ['-title', title, '-geometry', position, '-borderwidth', '0', file]);
  let id = '';
  await waitFor(() => {
    id = spawnSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { env: server.env, encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? '';
    return id !== '';
  }, `the window "${title}"`);
  // ImageMagick sets only WM_NAME; modern clients (and xcap) read the EWMH title.
  spawnSync('xprop', ['-id', id, '-f', '_NET_WM_NAME', '8u', '-set', '_NET_WM_NAME', title], { env: server.env });
  const info = spawnSync('xwininfo', ['-id', id], { env: server.env, encoding: 'utf8' }).stdout;
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(-?\\d+)`).exec(info)![1]);
  const shown = { id, x: field('Absolute upper-left X'), y: field('Absolute upper-left Y'), width: field('Width'), height: field('Height') };
  const expected = await sharp(file).removeAlpha().raw().toBuffer();
  await waitFor(() => screenPixels(server, shown).equals(expected), `the window "${title}" to show ${file}`);
  return shown;
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  return attach(spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${options.size ?? '1280x800'}x24`, '-nolisten', 'tcp', '-noreset'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] }), options);
}

const DUMMY_DRIVER = '/usr/lib/xorg/modules/drivers/dummy_drv.so';

/**
 * A private Xorg on the dummy video driver with one RandR output per monitor, laid out left to
 * right with their tops aligned, as on a desk: a real multi-monitor X server (Xvfb has one
 * output, and xcap lists outputs, not Xinerama heads). Needs xserver-xorg-core and
 * xserver-xorg-video-dummy.
 */
export async function startMonitorsXServer(monitors: Array<{ width: number; height: number }>, options: { windowManager?: boolean } = {}): Promise<XServer & { dir: string }> {
  requireTool('Xorg', 'xserver-xorg-core');
  requireTool('xrandr', 'x11-xserver-utils');
  if (!existsSync(DUMMY_DRIVER)) throw new Error(`The dummy X driver is not installed; multi-monitor tests need it (apt-get install xserver-xorg-video-dummy; .ci/run installs it).`);
  const dir = mkdtempSync(join(tmpdir(), 'shotput-xorg-'));
  const width = monitors.reduce((sum, m) => sum + m.width, 0);
  const height = Math.max(...monitors.map((m) => m.height));
  const config = join(dir, 'xorg.conf');
  writeFileSync(
    config,
    [
      'Section "Device"\n  Identifier "dummy"\n  Driver "dummy"\n  VideoRam 256000\nEndSection',
      'Section "Monitor"\n  Identifier "monitor"\n  HorizSync 5.0-1000.0\n  VertRefresh 5.0-200.0\nEndSection',
      `Section "Screen"\n  Identifier "screen"\n  Device "dummy"\n  Monitor "monitor"\n  DefaultDepth 24\n  SubSection "Display"\n    Depth 24\n    Virtual ${width} ${height}\n  EndSubSection\nEndSection`,
    ].join('\n'),
  );
  const xorg = spawn('Xorg', ['-config', config, '-configdir', dir, '-displayfd', '3', '-noreset', '-nolisten', 'tcp', '-logfile', join(dir, 'xorg.log')], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  // The window manager comes after the outputs are laid out, so it places windows on the final screen.
  const server = await attach(xorg, { windowManager: false });
  const xrandr = (...args: string[]) => {
    const run = spawnSync('xrandr', args, { env: server.env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xrandr ${args.join(' ')} failed: ${run.stderr}`);
  };
  let x = 0;
  monitors.forEach((m, i) => {
    // A mode of exactly this size (CVT-like timings; the dummy driver takes any).
    const mode = `shotput-${m.width}x${m.height}`;
    const clock = ((m.width + 160) * (m.height + 30) * 60) / 1e6;
    xrandr('--newmode', mode, clock.toFixed(2), String(m.width), String(m.width + 48), String(m.width + 80), String(m.width + 160), String(m.height), String(m.height + 3), String(m.height + 10), String(m.height + 30));
    xrandr('--addmode', `DUMMY${i}`, mode);
    xrandr('--output', `DUMMY${i}`, '--mode', mode, '--pos', `${x}x0`, ...(i === 0 ? ['--primary'] : []));
    x += m.width;
  });
  if (options.windowManager !== false) await startWindowManager(server);
  return {
    ...server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for the server's display number, then gives the environment and client handling every X server here shares. */
async function attach(server: ChildProcess, options: { windowManager?: boolean }): Promise<XServer> {
  let log = '';
  server.stderr!.on('data', (d) => (log += d));
  const number = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdio[3] as Readable }).once('line', resolve);
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`The X server exited with ${code}: ${log}`)));
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
  const x: XServer = {
    display,
    env,
    spawnClient,
    async close() {
      await Promise.all(clients.map(stop));
      await stop(server);
    },
  };
  if (options.windowManager !== false) await startWindowManager(x);
  return x;
}

async function startWindowManager(x: XServer): Promise<void> {
  requireTool('openbox', 'openbox');
  x.spawnClient('openbox', ['--sm-disable']);
  await waitFor(() => spawnSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { env: x.env, encoding: 'utf8' }).stdout.includes('window id'), 'openbox to start');
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
  await waitFor(() => screenPixels(server, shown).equals(expected), `the window "${title}" to show ${file}`, 60_000);
  return shown;
}

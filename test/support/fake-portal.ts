import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import dbus from 'dbus-next';
import { PORTAL_NAME, PORTAL_PATH, REQUEST_INTERFACE, SCREENSHOT_INTERFACE, requestPath } from '../../electron/core/capture/sources/portal.js';

/** A private session bus: `dbus-daemon --session` on its own address, ended by close(). */
export async function startSessionBus(): Promise<{ address: string; close(): Promise<void> }> {
  let daemon: ChildProcess;
  try {
    daemon = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    throw new Error(`dbus-daemon could not start (apt-get install dbus): ${(err as Error).message}`, { cause: err });
  }
  const address = await new Promise<string>((resolve, reject) => {
    daemon.once('error', (err) => reject(new Error(`dbus-daemon is not installed (apt-get install dbus; .ci/run installs it): ${err.message}`)));
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
    createInterface({ input: daemon.stdout! }).once('line', (line) => resolve(line.trim()));
  });
  return {
    address,
    close: () =>
      new Promise((resolve) => {
        if (daemon.exitCode !== null) return resolve();
        daemon.once('exit', () => resolve());
        daemon.kill('SIGTERM');
      }),
  };
}

export interface PortalCall {
  sender: string;
  parentWindow: string;
  options: Record<string, unknown>;
}

/**
 * A fake xdg-desktop-portal Screenshot service: owns org.freedesktop.portal.Desktop on the given
 * bus, answers Screenshot with the Request handle, then emits Response on it as the real portal
 * does. `answer` decides the Response for each call.
 */
export async function startFakePortal(
  address: string,
  answer: () => { response: number; file?: string },
): Promise<{ calls: PortalCall[]; close(): void }> {
  const bus = dbus.sessionBus({ busAddress: address });
  await bus.requestName(PORTAL_NAME, dbus.NameFlag.DO_NOT_QUEUE);
  const calls: PortalCall[] = [];
  bus.addMethodHandler((msg: dbus.Message) => {
    if (msg.path !== PORTAL_PATH || msg.interface !== SCREENSHOT_INTERFACE || msg.member !== 'Screenshot') return false;
    const [parentWindow, rawOptions] = msg.body as [string, Record<string, dbus.Variant>];
    const options = Object.fromEntries(Object.entries(rawOptions).map(([k, v]) => [k, v.value]));
    calls.push({ sender: msg.sender, parentWindow, options });
    const handle = requestPath(msg.sender, String(options['handle_token']));
    bus.send(dbus.Message.newMethodReturn(msg, 'o', [handle]));
    const { response, file } = answer();
    const results: Record<string, dbus.Variant> = file ? { uri: new dbus.Variant('s', pathToFileURL(file).href) } : {};
    setTimeout(() => bus.send(dbus.Message.newSignal(handle, REQUEST_INTERFACE, 'Response', 'ua{sv}', [response, results])), 10);
    return true;
  });
  return { calls, close: () => bus.disconnect() };
}

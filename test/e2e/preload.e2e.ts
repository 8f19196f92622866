import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../shared/ipc/contract.js';

const distElectron = join(process.cwd(), 'dist/electron');

/** Runs a built preload as Electron's sandbox would, with a stand-in `electron` module recording what it does. */
function loadPreload(file: string) {
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const listening: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, payload: unknown) => {
        invoked.push([channel, payload]);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (event: string) => listening.push(event),
      removeListener: () => {},
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  runInNewContext(readFileSync(file, 'utf8'), {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`A sandboxed preload cannot require ${name}`);
      return electron;
    },
  });
  return { exposed, invoked, listening, required };
}

describe('the preloads', () => {
  it('are each under 10 KB, without a validation library', () => {
    const preloads = readdirSync(distElectron).filter((f) => /^preload.*\.cjs$/.test(f));
    expect(preloads).toContain('preload.cjs');
    for (const file of preloads) {
      expect(statSync(join(distElectron, file)).size, file).toBeLessThan(10 * 1024);
      expect(readFileSync(join(distElectron, file), 'utf8'), file).not.toMatch(/zod|ZodError/);
    }
  });

  it("give the main window one function per contract channel and refuse unknown events", async () => {
    const { exposed, invoked, listening, required } = loadPreload(join(distElectron, 'preload.cjs'));
    expect(required).toEqual(['electron']);
    const bridge = exposed.get('shotput') as {
      invoke: Record<string, (payload: unknown) => Promise<unknown>>;
      on(event: string, listener: () => void): () => void;
    };
    expect(Object.keys(bridge.invoke).sort()).toEqual([...channelNames].sort());
    await bridge.invoke['history.copyLink']!({ id: 'x' });
    expect(invoked).toEqual([['history.copyLink', { id: 'x' }]]);
    for (const event of eventNames) bridge.on(event, () => {});
    expect(listening).toEqual([...eventNames]);
    expect(() => bridge.on('fs.read', () => {})).toThrow('Unknown Shotput event fs.read');
  });

  it('give the region overlay only its four channels, as window.shotputOverlay', async () => {
    const { exposed, invoked, required } = loadPreload(join(distElectron, 'preload-overlay.cjs'));
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['shotputOverlay']);
    const bridge = exposed.get('shotputOverlay') as Record<string, (payload?: unknown) => Promise<unknown>>;
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'confirm', 'init', 'painted']);
    await bridge.init!();
    await bridge.confirm!({ x: 1, y: 2, width: 3, height: 4 });
    await bridge.cancel!();
    await bridge.painted!();
    expect(invoked).toEqual([
      ['overlay.init', {}],
      ['overlay.confirm', { x: 1, y: 2, width: 3, height: 4 }],
      ['overlay.cancel', {}],
      ['overlay.painted', {}],
    ]);
  });
});

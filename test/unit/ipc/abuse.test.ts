/**
 * Hostile calls on every window's contract (main, overlay, editor), through the dispatchers main
 * and the harness use. Payloads are built with JSON.parse, as they arrive over the harness's
 * WebSocket (an own `__proto__` key, which an object literal cannot make).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/ipc/dispatch.js';
import { createOverlaySession } from '../../../electron/core/ipc/overlay-session.js';
import { createEditorSession } from '../../../electron/core/editor/session.js';
import { DEFAULT_EDITOR_STYLE } from '../../../shared/editor/shapes.js';
import { MAX_CALLS_IN_FLIGHT } from '../../../shared/ipc/limits.js';
import type { IpcResult } from '../../../shared/ipc/result.js';
import { openTestCore, type TestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

type Dispatch = (channel: string, payload: unknown) => Promise<IpcResult<unknown>>;

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function windows(): Promise<[[string, Dispatch, string], [string, Dispatch, string], [string, Dispatch, string]]> {
  core = await openTestCore(await tempProfile());
  const overlay = createOverlaySession({ frame: { url: '/frame', width: 100, height: 100, format: 'rgba' }, scaleFactor: 1, windows: [], lastRegion: null });
  const editor = createEditorSession({
    init: { frame: { url: '/frame', width: 2, height: 2, format: 'rgba' }, document: null, style: DEFAULT_EDITOR_STYLE, title: 't' },
    rememberStyle: () => undefined,
    save: async () => '/tmp/x.png',
    copy: async () => undefined,
    finish: async () => 'done',
  });
  // Each window: its dispatcher, and a channel that takes an object payload with a string field.
  return [
    ['main', core.dispatch, 'settings.set'],
    ['overlay', overlay.dispatch, 'overlay.confirm'],
    ['editor', editor.dispatch, 'editor.rememberStyle'],
  ];
}

const errorOf = (result: IpcResult<unknown>) => {
  expect(result.ok).toBe(false);
  return (result as { error: { code: string; message: string } }).error;
};

const prototypeIsClean = () => {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

describe('IPC under abuse, on every window', () => {
  it('refuses an unknown channel by name, without repeating a huge name back', async () => {
    for (const [window, dispatch] of await windows()) {
      const name = `fs.readFile${'x'.repeat(5_000_000)}`;
      const error = errorOf(await dispatch(name, {}));
      expect(error.code, window).toBe('unknown_channel');
      expect(error.message, window).toMatch(/channel named "fs\.readFilex+"… \(5000011 characters\)/);
      expect(error.message.length, window).toBeLessThan(300);
    }
  });

  it('refuses an oversized string or key with a short message naming the field', async () => {
    const [[, main]] = await windows();
    const title = 'A'.repeat(50 * 1024 * 1024);
    const refused = errorOf(await main('queue.addUrl', { url: 'https://example.com/a.png', options: { title } }));
    expect(refused).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/^Invalid payload for queue\.addUrl: options\.title: /) });
    expect(refused.message.length).toBeLessThan(300);

    const hugeKey = errorOf(await main('settings.get', JSON.parse(`{"${'k'.repeat(1_000_000)}": 1}`)));
    expect(hugeKey.code).toBe('invalid_payload');
    expect(hugeKey.message).toMatch(/a key of 1000000 characters \(at most 200\)/);
    expect(hugeKey.message.length).toBeLessThan(300);
    expect((await main('app.info', {})).ok).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere in a payload, leaving Object.prototype alone', async (key) => {
    for (const [window, dispatch, channel] of await windows()) {
      for (const json of [`{"${key}": {"polluted": "yes"}}`, `{"a": {"b": [{"${key}": {"polluted": "yes"}}]}}`]) {
        const error = errorOf(await dispatch(channel, JSON.parse(json)));
        expect(error, `${window} ${json}`).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining(`the key "${key}" is not accepted`) });
      }
    }
    // Where a schema allows any key (a custom uploader's answers), the key is still refused.
    const [[, main]] = await windows();
    const answers = JSON.parse(`{"url": "https://example.com/a.png", "options": {"answers": {"${key}": "yes"}}}`);
    expect(errorOf(await main('queue.addUrl', answers))).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining(`options.answers.${key}`) });
    prototypeIsClean();
  });

  it('refuses setting keys that reach a prototype', async () => {
    const [[, main]] = await windows();
    for (const key of ['__proto__', 'constructor', 'constructor.prototype.polluted', '__proto__.polluted', 'toString']) {
      const result = await main('settings.set', { key, value: 'yes' });
      expect(result.ok, key).toBe(false);
    }
    prototypeIsClean();
    expect((await main('settings.get', {})).ok).toBe(true);
  });

  it('refuses a payload nested deeper than any request, without exhausting the stack', async () => {
    for (const [window, dispatch, channel] of await windows()) {
      const deep = JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
      expect(errorOf(await dispatch(channel, deep)), window).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/nested more than 16 levels deep/) });
      const wide = { images: new Array(200_000).fill('x') };
      expect(errorOf(await dispatch(channel, wide)), window).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/more than 50000 keys and items/) });
    }
  });

  it('refuses wrong types, naming the field and what it should be', async () => {
    for (const [window, dispatch, channel] of await windows()) {
      for (const payload of [42, 'text', [], true, { x: 'one' }, { style: 7 }, { key: ['queue.concurrency'], value: 1 }]) {
        expect(errorOf(await dispatch(channel, payload)), `${window} ${JSON.stringify(payload)}`).toMatchObject({
          code: 'invalid_payload',
          message: expect.stringMatching(new RegExp(`^Invalid payload for ${channel.replace('.', '\\.')}: `)),
        });
      }
    }
  });
});

describe('a burst of 10,000 calls', () => {
  it('is answered in full while the work stays under the in-flight limit, and sheds the rest as busy', async () => {
    const [[, main]] = await windows();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let running = 0;
    let most = 0;
    const slow = createDispatcher({
      ...core!.handlers,
      'queue.list': async () => {
        most = Math.max(most, ++running);
        await gate;
        running--;
        return [];
      },
    });
    const calls = Array.from({ length: 10_000 }, () => slow('queue.list', {}));
    release();
    const results = await Promise.all(calls);
    const answered = results.filter((r) => r.ok).length;
    const busy = results.filter((r) => !r.ok && r.error.code === 'busy');
    expect(answered + busy.length).toBe(10_000);
    expect(most).toBe(MAX_CALLS_IN_FLIGHT);
    expect(answered).toBe(MAX_CALLS_IN_FLIGHT);
    expect(busy[0]!.ok === false && busy[0]!.error.message).toMatch(/still answering 512 earlier requests from this window; try again/);
    // Once the work is done the window is answered again.
    expect(await slow('queue.list', {})).toEqual({ ok: true, value: [] });
    expect((await main('app.info', {})).ok).toBe(true);
  });

  it('of calls all made at once, on all three windows, gets an answer each, and each window answers again after', async () => {
    const [[, main], [, overlay], [, editor]] = await windows();
    const results = await Promise.all([
      ...Array.from({ length: 4_000 }, (_, i) => main(i % 2 ? 'app.info' : 'queue.list', {})),
      ...Array.from({ length: 3_000 }, () => overlay('overlay.init', {})),
      ...Array.from({ length: 3_000 }, () => editor('editor.init', {})),
    ]);
    const codes = new Set(results.map((r) => (r.ok ? 'ok' : r.error.code)));
    expect([...codes].sort()).toEqual(['busy', 'ok']);
    // Each window did as much as it may at once before shedding.
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(3 * MAX_CALLS_IN_FLIGHT);
    for (const [dispatch, channel] of [[main, 'app.info'], [overlay, 'overlay.init'], [editor, 'editor.init']] as const) {
      expect((await dispatch(channel, {})).ok, channel).toBe(true);
    }
  });
});

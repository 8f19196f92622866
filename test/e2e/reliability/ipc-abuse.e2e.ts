/**
 * The main window's contract under abuse, through the real harness process: its WebSocket, its
 * dispatcher and its core, as a page would reach them. Memory is the harness process's RSS.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHarnessWith, type HarnessProcess } from '../../support/harness-process.js';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

let profile: string;
let harness: HarnessProcess;
let ws: WebSocket;
const replies = new Map<number, (reply: Reply) => void>();
let nextId = 1;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-ipc-abuse-'));
  harness = await startHarnessWith(['--port', '0'], profile, /Harness ready at (http:\/\/127\.0\.0\.1:\d+\/)/, { built: true });
  ws = new WebSocket(`${harness.url.replace('http', 'ws')}ipc`, { headers: { Origin: harness.url.slice(0, -1) } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id: number; result: Reply };
    if (message.type === 'result') replies.get(message.id)?.(message.result);
  });
}, 90_000);
afterAll(async () => {
  ws?.terminate();
  await harness?.stop();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

/** Sends one invoke frame, its payload written as raw JSON text (so `__proto__` is an own key). */
function invokeRaw(channel: string, payloadJson: string): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    replies.set(id, (reply) => {
      replies.delete(id);
      resolve(reply);
    });
    ws.send(`{"type":"invoke","id":${id},"channel":${JSON.stringify(channel)},"payload":${payloadJson}}`);
  });
}
const invoke = (channel: string, payload: unknown = {}) => invokeRaw(channel, JSON.stringify(payload));

const errorOf = (reply: Reply) => {
  expect(reply.ok).toBe(false);
  return (reply as Extract<Reply, { ok: false }>).error;
};

/** The harness process's resident memory, in MB. */
function rssMb(): number {
  const status = readFileSync(`/proc/${harness.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('the main window contract over the harness, under abuse', () => {
  // Slow on the sending side (the client masks every byte of a 50 MB frame), not in the harness.
  it('refuses 50 MB strings with a short message naming the field, and memory comes back down', { timeout: 180_000 }, async () => {
    const huge = 'A'.repeat(50 * 1024 * 1024);
    const title = errorOf(await invoke('queue.addUrl', { url: 'https://example.com/a.png', options: { title: huge } }));
    expect(title).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/^Invalid payload for queue\.addUrl: options\.title: /) });
    expect(title.message.length).toBeLessThan(300);
    const search = errorOf(await invoke('history.list', { search: huge }));
    expect(search).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/search: /) });
    const channel = errorOf(await invoke(huge, {}));
    expect(channel).toMatchObject({ code: 'unknown_channel', message: expect.stringMatching(/no IPC channel named "A+"… \(52428800 characters\)/) });
    expect(channel.message.length).toBeLessThan(300);
    // Three 50 MB messages in: what stays resident is bounded (each one is let go).
    expect(rssMb()).toBeLessThan(700);
    expect(await invoke('app.info')).toMatchObject({ ok: true, value: { host: 'harness' } });
  });

  it('refuses __proto__, constructor and prototype keys, and nothing gets the polluted property', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const nested = errorOf(await invokeRaw('history.page', `{"limit": 5, "sort": {"by": "date", "dir": "desc", "${key}": {"polluted": "yes"}}}`));
      expect(nested.message).toContain(`sort.${key}: the key "${key}" is not accepted`);
      const answers = errorOf(await invokeRaw('queue.addUrl', `{"url": "https://example.com/a.png", "options": {"answers": {"${key}": "yes"}}}`));
      expect(answers.message).toContain(`options.answers.${key}`);
    }
    const settings = await invoke('settings.get');
    expect(settings.ok && JSON.stringify(settings.value)).not.toContain('polluted');
    const page = await invoke('history.page', { limit: 5 });
    expect(page.ok).toBe(true);
    expect(JSON.stringify(page)).not.toContain('polluted');
  });

  it('refuses wrong types and deep nesting, naming the field', async () => {
    expect(errorOf(await invoke('settings.set', { key: 'queue.concurrency', value: ['4'] }))).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('value: ') });
    expect(errorOf(await invoke('history.copy', { ids: 'all' }))).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('ids: ') });
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(errorOf(await invokeRaw('settings.set', deep))).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('nested more than 16 levels deep') });
  });

  it('answers every call of a 10,000-call burst (or sheds it as busy), with memory bounded, and keeps answering', async () => {
    const before = rssMb();
    const channels = ['app.info', 'queue.list', 'history.page', 'settings.get', 'nope.nothing'];
    const calls = Array.from({ length: 10_000 }, (_, i) => {
      const channel = channels[i % channels.length]!;
      return invoke(channel, channel === 'history.page' ? { limit: 50 } : {});
    });
    const results = await Promise.all(calls);
    const codes = new Map<string, number>();
    for (const r of results) codes.set(r.ok ? 'ok' : r.error.code, (codes.get(r.ok ? 'ok' : r.error.code) ?? 0) + 1);
    expect([...codes.keys()].every((code) => ['ok', 'busy', 'unknown_channel'].includes(code)), JSON.stringify([...codes])).toBe(true);
    // Each call on the channel that does not exist is refused by name, unless shed first.
    const onUnknown = results.filter((_, i) => i % channels.length === channels.length - 1);
    expect(onUnknown.every((r) => !r.ok && (r.error.code === 'unknown_channel' || r.error.code === 'busy'))).toBe(true);
    expect(codes.get('unknown_channel')).toBeGreaterThan(0);
    expect(codes.get('ok')).toBeGreaterThan(0);
    expect(rssMb() - before).toBeLessThan(200);
    expect(harness.child.exitCode).toBeNull();
    expect(await invoke('app.info')).toMatchObject({ ok: true });
  });
});

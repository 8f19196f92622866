import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract.js';
import { createDispatcher } from '../../../electron/core/ipc/dispatch.js';
import { ShotputError } from '../../../electron/core/errors.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

const MALFORMED: unknown[] = [42, 'text', [], { unexpected: true }, { key: 7, value: { nested: 1 } }];

describe('IPC dispatch', () => {
  it('answers a valid call with {ok:true, value}', async () => {
    const core = await openTestCore(await tempProfile());
    const result = await core.dispatch('settings.set', { key: 'queue.concurrency', value: 4 });
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { values: Record<string, unknown> }).values['queue.concurrency']).toBe(4);
  });

  it.each(channelNames)('refuses malformed payloads on %s with a validation message', async (channel) => {
    const core = await openTestCore(await tempProfile());
    for (const payload of MALFORMED) {
      const result = await core.dispatch(channel, payload);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(!result.ok && result.error.message).toMatch(new RegExp(`^Invalid payload for ${channel.replace('.', '\\.')}: `));
    }
    // The dispatcher is still serving after every refusal.
    expect((await core.dispatch('app.info', {})).ok).toBe(true);
  });

  it('names the offending field', async () => {
    const core = await openTestCore(await tempProfile());
    const result = await core.dispatch('settings.set', { key: 'queue.concurrency', value: { x: 1 } });
    expect(!result.ok && result.error.message).toContain('value:');
  });

  it('refuses unknown channels', async () => {
    const core = await openTestCore(await tempProfile());
    expect(await core.dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('reports a service refusal with its own code and message', async () => {
    const core = await openTestCore(await tempProfile());
    const result = await core.dispatch('settings.set', { key: 'queue.concurrency', value: 99 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_setting', message: 'Uploads at the same time (queue.concurrency) must be between 1 and 8; got 99.' },
    });
  });

  it('turns a crash inside a handler into a one-line message without a stack trace', async () => {
    const core = await openTestCore(await tempProfile());
    const dispatch = createDispatcher({
      ...core.handlers,
      'app.info': () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at secret/path.ts:1:1");
      },
      'settings.get': () => {
        throw new ShotputError('store_locked', 'The settings file is locked by another program.');
      },
    });
    const crashed = await dispatch('app.info', {});
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!crashed.ok && crashed.error.message).not.toContain('secret/path.ts');
    expect(await dispatch('settings.get', {})).toEqual({
      ok: false,
      error: { code: 'store_locked', message: 'The settings file is locked by another program.' },
    });
  });
});

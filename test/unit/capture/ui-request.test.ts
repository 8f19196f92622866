import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendUiRequest, startUiRequestServer, uiRequestAddress, type UiRequest } from '../../../electron/core/ui-request.js';
import { cli } from '../../support/cli.js';

let profile: string;
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-ui-'));
});
afterEach(() => rmSync(profile, { recursive: true, force: true }));

describe('ui-request: the CLI asks the running app for its region overlay', () => {
  it('`shotput capture` with no area reaches the app, delay included', async () => {
    const seen: UiRequest[] = [];
    const server = await startUiRequestServer({ profileDir: profile, handle: async (r) => void seen.push(r) });
    try {
      const run = await cli(profile, 'capture', '--delay', '2');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/region overlay is open/);
      expect(seen).toEqual([{ v: 1, action: 'capture.region', delaySeconds: 2 }]);
    } finally {
      await server.close();
    }
  });

  it("passes the app's refusal on as a message and exit 1", async () => {
    const server = await startUiRequestServer({ profileDir: profile, handle: async () => Promise.reject(new Error('no display')) });
    try {
      const run = await cli(profile, 'capture');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/could not open the region overlay: .*no display/);
    } finally {
      await server.close();
    }
  });

  it('replaces a socket a crashed app left behind, and says when no app is running', async () => {
    writeFileSync(uiRequestAddress(profile), '');
    expect(await sendUiRequest(profile, { v: 1, action: 'capture.region' })).toBeNull();
    const server = await startUiRequestServer({ profileDir: profile, handle: async () => undefined });
    expect(await sendUiRequest(profile, { v: 1, action: 'capture.screen' })).toEqual({ ok: true });
    await expect(startUiRequestServer({ profileDir: profile, handle: async () => undefined })).rejects.toThrow(/already serves this profile/);
    await server.close();
    const run = await cli(profile, 'capture');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not running/);
  });

  it('refuses a request that is not the protocol', async () => {
    const server = await startUiRequestServer({ profileDir: profile, handle: async () => undefined });
    try {
      const reply = await sendUiRequest(profile, { v: 1, action: 'delete.everything' } as unknown as UiRequest);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      await server.close();
    }
  });

  it('keeps the socket path short enough for deep profile folders', () => {
    const deep = join('/tmp', 'x'.repeat(120));
    expect(uiRequestAddress(deep, 'linux')).toMatch(/^\/tmp\/shotput-[0-9a-f]{16}\.sock$/);
    expect(uiRequestAddress(deep, 'win32')).toMatch(/^\\\\\.\\pipe\\shotput-[0-9a-f]{16}$/);
  });
});

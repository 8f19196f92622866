import { describe, expect, it } from 'vitest';
import { createOverlaySession } from '../../../electron/core/ipc/overlay-session.js';
import type { OverlayInit } from '../../../shared/ipc/overlay-contract.js';

const init: OverlayInit = {
  frame: { url: 'app://shotput/capture/abc', width: 800, height: 600, format: 'rgba' },
  scaleFactor: 2,
  windows: [{ id: '1', title: 'Files', app: 'nautilus', x: -20, y: 0, width: 300, height: 200 }],
  lastRegion: { x: 700, y: 500, width: 300, height: 300 },
};

describe('overlay session (the handlers main and the harness share)', () => {
  it('init answers the frame, the windows, and the last region cut to this frame', async () => {
    const session = createOverlaySession(init);
    const result = await session.dispatch('overlay.init', {});
    expect(result).toEqual({ ok: true, value: { ...init, lastRegion: { x: 700, y: 500, width: 100, height: 100 } } });
  });

  it('a last region on another display is none on this one', async () => {
    const session = createOverlaySession({ ...init, lastRegion: { x: 900, y: 0, width: 10, height: 10 } });
    expect(await session.dispatch('overlay.init', {})).toMatchObject({ ok: true, value: { lastRegion: null } });
  });

  it('confirm settles the outcome with the region; anything after it is refused', async () => {
    const session = createOverlaySession(init);
    expect(await session.dispatch('overlay.confirm', { x: 10, y: 20, width: 30, height: 40 })).toEqual({ ok: true, value: null });
    expect(await session.outcome).toEqual({ region: { x: 10, y: 20, width: 30, height: 40 } });
    expect(await session.dispatch('overlay.cancel', {})).toMatchObject({ ok: false, error: { code: 'overlay_closed' } });
  });

  it('acknowledges "painted" (the presenter shows the window) without settling anything, and refuses a payload with it', async () => {
    const session = createOverlaySession(init);
    expect(await session.dispatch('overlay.painted', {})).toEqual({ ok: true, value: null });
    expect(await session.dispatch('overlay.painted', { show: 'elsewhere' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await session.dispatch('overlay.confirm', { x: 1, y: 2, width: 3, height: 4 })).toEqual({ ok: true, value: null });
    expect(await session.outcome).toEqual({ region: { x: 1, y: 2, width: 3, height: 4 } });
  });

  it('refuses regions that are not integers, empty, outside the frame, or carry extra fields, saying what was wrong', async () => {
    const session = createOverlaySession(init);
    const refused = async (payload: unknown) => session.dispatch('overlay.confirm', payload);
    expect(await refused({ x: 1.5, y: 0, width: 10, height: 10 })).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(/overlay\.confirm: x/) } });
    expect(await refused({ x: 0, y: 0, width: 0, height: 10 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await refused({ x: 0, y: 0, width: 10, height: 10, path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await refused({ x: 790, y: 0, width: 20, height: 10 })).toMatchObject({
      ok: false,
      error: { code: 'region_outside_frame', message: expect.stringMatching(/does not fit in the 800×600 frame/) },
    });
    expect(await session.dispatch('history.list', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // None of that ended the overlay.
    expect(await session.dispatch('overlay.cancel', {})).toEqual({ ok: true, value: null });
    expect(await session.outcome).toEqual({ cancelled: true });
  });

  it('close() from main cancels an overlay the page has not settled, and changes nothing after', async () => {
    const session = createOverlaySession(init);
    session.close();
    expect(await session.outcome).toEqual({ cancelled: true });
    expect(await session.dispatch('overlay.confirm', { x: 0, y: 0, width: 1, height: 1 })).toMatchObject({ ok: false, error: { code: 'overlay_closed' } });
  });

  it('refuses to open on a frame description that does not follow the contract', () => {
    expect(() => createOverlaySession({ ...init, frame: { ...init.frame, width: 0 } })).toThrow(/overlay cannot open/);
  });
});

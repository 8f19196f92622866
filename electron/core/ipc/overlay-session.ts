import { overlayChannelNames, type OverlayChannelName } from '../../../shared/ipc/overlay-channels.js';
import { overlayInitSchema, overlayPayloads, type OverlayInit, type OverlayOutcome, type OverlayRegion } from '../../../shared/ipc/overlay-contract.js';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result.js';
import { limitCallsInFlight } from '../../../shared/ipc/limits.js';
import { checkPayload, unknownChannel } from '../../../shared/ipc/validate.js';
import { clampToFrame, isInsideFrame } from '../../../shared/overlay/selection.js';
import { ShotputError } from '../errors.js';

export interface OverlaySession {
  /** Handles one overlay channel call: validates the payload, answers {ok, value} or {ok:false, error}. */
  dispatch(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  /** Settles on the first confirm or cancel (from the page, or `close()`). */
  readonly outcome: Promise<OverlayOutcome>;
  /** Ends the session as cancelled unless the page already settled it (e.g. another display's overlay won). */
  close(): void;
}

const isOverlayChannel = (channel: string): channel is OverlayChannelName => (overlayChannelNames as readonly string[]).includes(channel);

/**
 * The overlay contract's handlers for one overlay window, independent of the transport: Electron
 * main routes a window's ipcMain calls here, the harness its WebSocket messages. `init` describes
 * what the page shows; the last region is cut to this frame (null when it lay on another display).
 */
export function createOverlaySession(init: OverlayInit): OverlaySession {
  const checked = overlayInitSchema.safeParse(init);
  if (!checked.success) throw new ShotputError('invalid_overlay', `The overlay cannot open: ${checked.error.issues[0]?.message ?? 'bad frame description'}.`);
  const frame = checked.data.frame;
  const answer: OverlayInit = { ...checked.data, lastRegion: checked.data.lastRegion && clampToFrame(checked.data.lastRegion, frame) };

  let settle!: (outcome: OverlayOutcome) => void;
  let settled = false;
  const outcome = new Promise<OverlayOutcome>((resolve) => (settle = resolve));
  const finish = (result: OverlayOutcome) => {
    settled = true;
    settle(result);
  };
  const closed = () => fail('overlay_closed', 'This overlay has already been confirmed or cancelled; take a new capture.');

  return {
    outcome,
    close: () => {
      if (!settled) finish({ cancelled: true });
    },
    dispatch: limitCallsInFlight(async (channel, payload) => {
      if (!isOverlayChannel(channel)) {
        return { ok: false, error: unknownChannel('overlay', channel) };
      }
      const parsed = checkPayload(channel, overlayPayloads[channel], payload);
      if (!parsed.ok) return parsed;
      if (channel === 'overlay.init') return ok(answer);
      // Showing the window is the presenter's part (electron/main/overlay-windows.ts); here it is only acknowledged.
      if (channel === 'overlay.painted') return ok(null);
      if (settled) return closed();
      if (channel === 'overlay.cancel') {
        finish({ cancelled: true });
        return ok(null);
      }
      const region = parsed.payload as OverlayRegion;
      if (!isInsideFrame(region, frame)) {
        return fail(
          'region_outside_frame',
          `The region ${region.width}×${region.height} at ${region.x},${region.y} does not fit in the ${frame.width}×${frame.height} frame; select inside the screen.`,
        );
      }
      finish({ region });
      return ok(null);
    }),
  };
}

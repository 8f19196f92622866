/**
 * The region overlay page: asks main (or the harness) for the frozen frame, paints it, and
 * lets the user select a region. In a window kept ready, the init call waits (hidden) until a
 * capture gives it a frame; after the capture main reloads the page, which waits again. `data-phase="ready"` on the root and the `overlay-ready`
 * performance mark say the frame is on screen.
 */
import './overlay.css';
import { fitFrame, type FrameView } from '../../../shared/overlay/view.js';
import { overlayApi } from './api.js';
import { bindInput } from './input.js';
import { createMagnifier } from './magnifier.js';
import { createRenderer } from './render.js';
import { overlayStore } from './store.js';
import { afterNextPaint, paintFrame } from './frame.js';

const root = document.getElementById('overlay')!;
const frameCanvas = document.getElementById('overlay-frame') as HTMLCanvasElement;
const viewport = () => ({ width: window.innerWidth, height: window.innerHeight });
let view: FrameView = { scale: 1, left: 0, top: 0 };
let scaleFactor = 1;
let draw = createRenderer(root, null);

let scheduled = false;
function scheduleRender(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    draw.render(overlayStore.getState(), view, viewport());
  });
}

async function open(): Promise<void> {
  const init = await overlayApi.init();
  performance.mark('overlay-init');
  const { frame } = init;
  scaleFactor = init.scaleFactor;
  view = fitFrame(frame, viewport(), scaleFactor);
  overlayStore.setState({ frame: { width: frame.width, height: frame.height }, windows: init.windows, lastRegion: init.lastRegion });
  const pixels = await paintFrame(frameCanvas, frame);
  draw = createRenderer(root, createMagnifier(root, frameCanvas, pixels, frame));
  overlayStore.setState({ phase: 'ready' });
  draw.render(overlayStore.getState(), view, viewport());
  // A window kept ready waits hidden until now: main shows it with the frame already drawn.
  void overlayApi.painted().catch(() => undefined);
  await afterNextPaint();
  performance.mark('overlay-ready');
  root.dataset.ready = 'true';
}

overlayStore.subscribe(scheduleRender);
window.addEventListener('resize', () => {
  const { frame } = overlayStore.getState();
  view = fitFrame(frame, viewport(), scaleFactor);
  scheduleRender();
});
bindInput(root, () => view);
root.focus();
open().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  overlayStore.setState({ phase: 'failed', error: message, announcement: message });
  // Shown with the error, not left hidden.
  void overlayApi.painted().catch(() => undefined);
});

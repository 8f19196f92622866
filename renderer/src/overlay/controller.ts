/**
 * What the user's gestures and keys do to the selection, and the two ways out (confirm, cancel).
 * Geometry is in shared/overlay/selection.ts; this module only decides which rule applies.
 */
import {
  applyArrowKey,
  centredStart,
  clampToFrame,
  contains,
  dragHandle,
  handleAt,
  rectFromDrag,
  wholeFrame,
  windowAt,
  type ArrowKey,
  type Point,
  type Rect,
} from '../../../shared/overlay/selection.js';
import type { OverlayWindow } from '../../../shared/ipc/overlay-contract.js';
import { overlayApi } from './api.js';
import { overlayStore as store } from './store.js';

/** Within this many page pixels a press and release count as a click, not a drag. */
const CLICK_SLOP = 3;
/** How far from an edge (in page pixels) it can be grabbed. */
const GRIP = 6;

const describe = (rect: Rect) => `${rect.width} × ${rect.height} at ${rect.x}, ${rect.y}`;

function select(selection: Rect | null, announcement?: string): void {
  store.setState({
    selection,
    hovered: null,
    announcement: announcement ?? (selection ? `Selected ${describe(selection)}. Enter captures it, Escape cancels.` : ''),
  });
}

/** The window under the pointer, unless the pointer is over the selection (a click there adjusts it instead). */
function hoveredAt(image: Point): OverlayWindow | null {
  const { selection, windows } = store.getState();
  if (selection && contains(selection, image)) return null;
  return windowAt(windows, image);
}

export function pointerMove(image: Point, page: Point): void {
  const { gesture, frame } = store.getState();
  if (!gesture) {
    store.setState({ pointer: image, hovered: hoveredAt(image) });
    return;
  }
  if (gesture.kind === 'draw') {
    const dragged = gesture.dragged || Math.hypot(page.x - gesture.startPage.x, page.y - gesture.startPage.y) > CLICK_SLOP;
    store.setState({
      pointer: image,
      gesture: dragged === gesture.dragged ? gesture : { ...gesture, dragged },
      ...(dragged ? { selection: rectFromDrag(gesture.start, image, frame), hovered: null } : {}),
    });
    return;
  }
  const dx = image.x - gesture.start.x;
  const dy = image.y - gesture.start.y;
  store.setState({ pointer: image, selection: dragHandle(gesture.from, gesture.handle, dx, dy, frame) });
}

export function pointerDown(image: Point, page: Point, scale: number): void {
  const { selection, phase } = store.getState();
  if (phase !== 'ready') return;
  const handle = selection && handleAt(selection, image, GRIP / scale);
  store.setState({
    pointer: image,
    gesture: selection && handle ? { kind: 'adjust', handle, from: selection, start: image } : { kind: 'draw', start: image, startPage: page, dragged: false },
  });
}

export function pointerUp(image: Point): void {
  const { gesture, selection } = store.getState();
  store.setState({ gesture: null });
  if (!gesture) return;
  if (gesture.kind === 'draw' && !gesture.dragged) {
    const target = windowAt(store.getState().windows, image);
    const bounds = target && clampToFrame(target, store.getState().frame);
    if (bounds) select(bounds, `Selected the window ${target.title || target.app}: ${describe(bounds)}. Enter captures it.`);
    return;
  }
  if (selection) select(selection);
  store.setState({ hovered: hoveredAt(image) });
}

export function pointerLeave(): void {
  if (!store.getState().gesture) store.setState({ pointer: null, hovered: null });
}

export function doubleClick(image: Point): void {
  const { selection } = store.getState();
  if (selection && contains(selection, image)) void confirm();
}

export function selectWholeFrame(): void {
  select(wholeFrame(store.getState().frame));
}

export function selectLastRegion(): void {
  const { lastRegion } = store.getState();
  if (lastRegion) select(lastRegion);
  else store.setState({ announcement: 'There is no last region yet: this is the first capture on this screen.' });
}

export function arrowKey(key: ArrowKey, modifiers: { shift: boolean; alt: boolean }): void {
  const { selection, frame, gesture } = store.getState();
  if (gesture) return;
  if (!selection) {
    select(centredStart(frame), `Selected ${describe(centredStart(frame))} in the middle of the screen. Arrow keys move it, Alt with arrows resizes it.`);
    return;
  }
  select(applyArrowKey(selection, key, modifiers, frame));
}

export async function confirm(): Promise<void> {
  const { selection, hovered, frame, phase } = store.getState();
  if (phase !== 'ready') return;
  const region = selection ?? (hovered && clampToFrame(hovered, frame));
  if (!region) {
    store.setState({ announcement: 'Nothing is selected yet: drag over the screen, or press A for the whole screen.' });
    return;
  }
  await finish(() => overlayApi.confirm(region), region);
}

export async function cancel(): Promise<void> {
  if (store.getState().phase === 'done') return;
  await finish(() => overlayApi.cancel(), null);
}

async function finish(send: () => Promise<null>, region: Rect | null): Promise<void> {
  store.setState({ phase: 'sending', gesture: null, selection: region ?? store.getState().selection });
  try {
    await send();
    store.setState({ phase: 'done', announcement: region ? `Captured ${describe(region)}.` : 'Cancelled.' });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    store.setState({ phase: 'ready', error: message, announcement: message });
  }
}

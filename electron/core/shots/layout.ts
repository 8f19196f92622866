import type { DisplayInfo, Rect, WindowInfo } from '../capture/geometry.js';

/** A display as the window system places windows on it: bounds in DIP (Electron's screen API). */
export interface ScreenDisplay {
  id: string;
  bounds: Rect;
  scaleFactor: number;
}

/** The desktop's display layout and pointer, in DIP; from Electron's `screen` in the app. */
export interface ScreenLayout {
  displays(): ScreenDisplay[];
  cursor(): { x: number; y: number };
}

const contains = (r: Rect, p: { x: number; y: number }) => p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height;

/**
 * Pairs each captured display with the window-system display it is: by id where the capture
 * source uses the window system's ids, else by physical size and then position order (sources
 * such as X11 or the portal number displays their own way). Unpaired displays get bounds
 * derived from their physical geometry.
 */
export function pairDisplays(captured: DisplayInfo[], screen: ScreenDisplay[]): Map<string, ScreenDisplay> {
  const pairs = new Map<string, ScreenDisplay>();
  const free = [...screen];
  const take = (d: DisplayInfo, match: (s: ScreenDisplay) => boolean) => {
    const index = free.findIndex(match);
    if (index < 0) return false;
    pairs.set(d.id, free.splice(index, 1)[0]!);
    return true;
  };
  const byPosition = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x - b.x || a.y - b.y;
  const sorted = [...captured].sort(byPosition);
  free.sort((a, b) => byPosition(a.bounds, b.bounds));
  for (const d of sorted) take(d, (s) => s.id === d.id);
  for (const d of sorted) {
    if (pairs.has(d.id)) continue;
    const sameSize = (s: ScreenDisplay) =>
      Math.abs(Math.round(s.bounds.width * s.scaleFactor) - d.width) <= 1 && Math.abs(Math.round(s.bounds.height * s.scaleFactor) - d.height) <= 1;
    if (!take(d, sameSize)) take(d, () => true);
  }
  for (const d of captured) {
    if (!pairs.has(d.id)) {
      const s = d.scaleFactor || 1;
      pairs.set(d.id, { id: d.id, scaleFactor: s, bounds: { x: Math.round(d.x / s), y: Math.round(d.y / s), width: Math.round(d.width / s), height: Math.round(d.height / s) } });
    }
  }
  return pairs;
}

/** The captured display under the pointer (the primary one when the pointer is on none of them). */
export function displayUnderCursor(captured: DisplayInfo[], layout: ScreenLayout): DisplayInfo {
  const pairs = pairDisplays(captured, layout.displays());
  const cursor = layout.cursor();
  return captured.find((d) => contains(pairs.get(d.id)!.bounds, cursor)) ?? captured.find((d) => d.primary) ?? captured[0]!;
}

/** `rect` (physical virtual-screen pixels) in the display's image pixels, or null when it misses the display. */
export function toDisplayPixels(rect: Rect, display: DisplayInfo): Rect | null {
  const x = Math.max(rect.x, display.x);
  const y = Math.max(rect.y, display.y);
  const right = Math.min(rect.x + rect.width, display.x + display.width);
  const bottom = Math.min(rect.y + rect.height, display.y + display.height);
  if (right <= x || bottom <= y) return null;
  return { x: x - display.x, y: y - display.y, width: right - x, height: bottom - y };
}

/** The windows that show on a display, in its image pixels, topmost first as listed. */
export function windowsOnDisplay(windows: WindowInfo[], display: DisplayInfo) {
  return windows.flatMap((w) => {
    const rect = toDisplayPixels(w, display);
    return rect ? [{ id: w.id, title: w.title, app: w.app, ...rect }] : [];
  });
}

/** A region confirmed on a display's overlay (image pixels) back in physical virtual-screen pixels. */
export function toVirtualPixels(region: Rect, display: DisplayInfo): Rect {
  return { x: display.x + region.x, y: display.y + region.y, width: region.width, height: region.height };
}

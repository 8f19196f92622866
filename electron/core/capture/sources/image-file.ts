/** sharp is loaded when a screenshot file is read, not when the core opens (every CLI command opens it). */
const loadSharp = async () => (await import('sharp')).default;
import type { DisplayInfo, DisplayLayout, RawImage, Rect } from '../geometry.js';
import { boundingRect, layoutFromPhysical } from '../geometry.js';

/** A screenshot file another program wrote (the portal, an external command), as RGBA. */
export async function readScreenshotFile(path: string): Promise<{ data: Buffer; width: number; height: number }> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** With no display list, the screenshot is taken to be one display, as big as the image. */
export function wholeImageDisplay(width: number, height: number): DisplayInfo {
  return { id: 'screen', name: 'screen', x: 0, y: 0, width, height, scaleFactor: 1, primary: true };
}

/**
 * Cuts a whole-desktop screenshot into one display's bitmap at the display's physical size.
 * Tools like the portal draw the desktop in its DIP layout at one scale (the image's width over
 * the DIP width of the virtual screen); a display with another scale factor is resized back.
 */
export async function displayFromDesktopImage(
  image: { data: Buffer; width: number; height: number },
  layouts: readonly DisplayLayout[],
  displayId: string,
): Promise<RawImage> {
  const layout = layouts.find((l) => l.id === displayId);
  if (!layout) throw new Error(`no display ${displayId}`);
  const dipScreen = boundingRect(layouts.map((l) => l.dip));
  const scale = image.width / dipScreen.width;
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
  const left = clamp((layout.dip.x - dipScreen.x) * scale, image.width - 1);
  const top = clamp((layout.dip.y - dipScreen.y) * scale, image.height - 1);
  const area: Rect = {
    x: left,
    y: top,
    width: Math.max(1, clamp(layout.dip.width * scale, image.width - left)),
    height: Math.max(1, clamp(layout.dip.height * scale, image.height - top)),
  };
  const { width, height } = layout.physical;
  const sharp = await loadSharp();
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .extract({ left: area.x, top: area.y, width: area.width, height: area.height })
    .resize(width, height, { fit: 'fill', kernel: area.width === width && area.height === height ? 'nearest' : 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width, height, x: layout.physical.x, y: layout.physical.y, scaleFactor: layout.scaleFactor };
}

/** Layouts for a desktop screenshot: the given displays, or the image as one display. */
export function desktopLayouts(image: { width: number; height: number }, known: DisplayLayout[] | undefined): DisplayLayout[] {
  return known && known.length > 0 ? known : layoutFromPhysical([wholeImageDisplay(image.width, image.height)]);
}

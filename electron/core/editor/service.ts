/**
 * Opening the editor on an image, whichever way the user came in: the after-capture task (the
 * edited image goes on to the tasks after it), any image file (the after-capture tasks run on the
 * result). The window itself is Electron's (a presenter bound by main); this decides what Save,
 * Copy, Enter and Esc do with the result.
 */
import { basename, extname } from 'node:path';
import { DEFAULT_EDITOR_STYLE, type ShapeStyle } from '../../../shared/editor/shapes.js';
import type { SettingSection } from '../../../shared/settings/fields.js';
import type { HistoryRecord } from '../../../shared/uploads.js';
import { ShotputError, toUserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { decodeToRgba, type RawPixels } from '../pipeline/index.js';
import type { CorePlatform } from '../platform.js';
import type { SettingsService } from '../settings/service.js';
import type { FrameImage, FrameStore } from '../shots/frames.js';
import { encodeCapturePng, saveUnderFreeName, type CapturedImage } from '../uploads/tasks/after-capture.js';
import type { EditedImage, EditorSession } from './session.js';

/** Opens and closes editor windows (Electron main in the app). */
export interface EditorPresenter {
  /** Shows a window on this session; closing the window closes the session. Answers how to close it. */
  open(session: EditorSession, title: string): { close(): void };
}

export interface EditRequest {
  pixels: FrameImage;
  title: string;
  /** Pixel density of the source (2 on a HiDPI screen), kept in the edited PNG. */
  scaleFactor?: number;
  /** A serialized document to reopen, or null for a fresh edit. */
  document?: string | null;
}

export interface EditorServiceDeps {
  settings: Pick<SettingsService, 'getString' | 'set'>;
  platform: CorePlatform;
  logger: Logger;
  /** The after-capture tasks (without the editor) for an edited file. */
  afterEdit(image: CapturedImage): Promise<unknown>;
  /** History entries, their image, and uploading an edited copy as a new entry linked to the original. */
  records?: {
    get(id: string): HistoryRecord | undefined;
    download(record: HistoryRecord): Promise<Buffer>;
    uploadEdit(name: string, pixels: RawPixels, original: HistoryRecord): Promise<unknown>;
  };
}

export const EDITOR_STYLE_KEY = 'editor.style';

/** The editor's remembered toolbar style (colour, stroke, fill, font size). */
export function editorSection(): SettingSection {
  return {
    id: 'editor',
    title: 'Editor',
    fields: [{ key: EDITOR_STYLE_KEY, label: 'Last toolbar style', kind: 'string', default: '', hidden: true }],
  };
}

export class EditorService {
  private windows?: { presenter: EditorPresenter; frames: FrameStore };

  constructor(private readonly deps: EditorServiceDeps) {}

  /** Main binds its windows once they can be made; before that (CLI, harness) the editor is unavailable. */
  bind(presenter: EditorPresenter, frames: FrameStore): void {
    this.windows = { presenter, frames };
  }

  get available(): boolean {
    return this.windows !== undefined;
  }

  /** Opens a window on the image; answers the edited image's pixels (Enter), or null when discarded or closed. */
  async edit(request: EditRequest): Promise<(CapturedImage & { pixels: RawPixels }) | null> {
    return (await this.open(request)).edited;
  }

  /** Resolves once the window is open, with the edit's outcome still to come. */
  private async open(request: EditRequest): Promise<{ edited: Promise<(CapturedImage & { pixels: RawPixels }) | null> }> {
    if (!this.windows) throw new ShotputError('no_editor', 'The editor opens in the Shotput app only; start Shotput and open the image from its tray menu.');
    const { presenter, frames } = this.windows;
    // The session and its payload schemas load with the first edit, not with every command that opens the core.
    const { createEditorSession } = await import('./session.js');
    const style = await this.rememberedStyle();
    const url = frames.put(request.pixels);
    let edited: (CapturedImage & { pixels: RawPixels }) | undefined;
    const pixelsOf = (image: EditedImage): RawPixels => ({ data: image.data, width: image.width, height: image.height, order: 'rgba', scaleFactor: request.scaleFactor });
    const encode = (image: EditedImage) => encodeCapturePng(pixelsOf(image));
    const session = createEditorSession({
      init: {
        frame: { url, width: request.pixels.width, height: request.pixels.height, format: 'rgba' },
        document: request.document ?? null,
        style,
        title: request.title,
      },
      rememberStyle: (style) => this.deps.settings.set(EDITOR_STYLE_KEY, JSON.stringify(style)),
      save: async (image) => saveUnderFreeName(this.deps.settings.getString('afterCapture.folder'), `${baseNameOf(request.title)} (edited)`, await encode(image)),
      copy: async (image) => {
        if (!this.deps.platform.writeClipboardImage) throw new ShotputError('no_clipboard', 'There is no clipboard for images here; save the image instead (Ctrl+S).');
        this.deps.platform.writeClipboardImage(await encode(image));
      },
      finish: async (image) => {
        // Pixels, not PNG: the tasks after the editor encode once, as for any capture.
        edited = { pixels: pixelsOf(image), width: image.width, height: image.height };
        return 'Done: the edited image goes on to the tasks after the editor.';
      },
    });
    const window = presenter.open(session, request.title);
    const result = session.outcome
      .then((outcome) => ('finished' in outcome && edited ? edited : null))
      .finally(() => {
        window.close();
        frames.remove(url);
      });
    return { edited: result };
  }

  /** The "open in editor" after-capture task: the capture, edited, or null when discarded. */
  async editCapture(image: CapturedImage): Promise<CapturedImage | null> {
    const pixels = image.pixels ? rgbaFrame(image.pixels) : await decodeToRgba({ kind: 'buffer', data: image.png, name: 'the capture' });
    const edited = await this.edit({ pixels, title: `Screenshot ${image.width}×${image.height}`, scaleFactor: image.pixels?.scaleFactor });
    return edited && { ...edited, windowTitle: image.windowTitle, app: image.app };
  }

  /** Opens any image file; Enter runs the after-capture tasks (save, upload…) on the result. */
  async editFile(path: string): Promise<boolean> {
    const pixels = await decodeToRgba({ kind: 'file', path, name: basename(path) });
    const edited = await this.edit({ pixels, title: basename(path) });
    if (!edited) return false;
    await this.deps.afterEdit({ ...edited, windowTitle: baseNameOf(path) });
    return true;
  }

  /**
   * "Edit" on a History entry: answers once the editor is open on the entry's image (a failure to
   * get it is the caller's to show); Enter uploads the edit as a new entry linked to the original.
   */
  async openRecord(id: string): Promise<void> {
    const records = this.deps.records;
    const record = records?.get(id);
    if (!records || !record) throw new ShotputError('not_found', 'That upload is no longer in history; refresh the list.');
    if (!this.available) throw new ShotputError('no_editor', 'The editor opens in the Shotput app only.');
    const pixels = await decodeToRgba({ kind: 'buffer', data: await records.download(record), name: record.fileName });
    const opened = await this.open({ pixels, title: record.fileName });
    void opened.edited
      .then((edited) => edited && records.uploadEdit(`${baseNameOf(record.fileName)} (edited).png`, edited.pixels, record))
      .catch((err: unknown) => {
        const message = toUserError(err).message;
        this.deps.logger.warn(`The edit of ${record.fileName} was not uploaded: ${message}`);
        this.deps.platform.notify('Could not upload the edited image', message);
      });
  }

  private async rememberedStyle(): Promise<ShapeStyle> {
    const stored = this.deps.settings.getString(EDITOR_STYLE_KEY);
    if (!stored) return DEFAULT_EDITOR_STYLE;
    const { editorStyleSchema } = await import('../../../shared/ipc/editor-contract.js');
    try {
      const parsed = editorStyleSchema.safeParse(JSON.parse(stored));
      return parsed.success ? parsed.data : DEFAULT_EDITOR_STYLE;
    } catch {
      return DEFAULT_EDITOR_STYLE;
    }
  }
}

/** A capture's pixels as the editor page reads them: RGBA bytes (a BGRA bitmap is reordered once). */
function rgbaFrame(pixels: RawPixels): FrameImage {
  const bytes = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  if (pixels.order !== 'bgra') return { data: bytes, width: pixels.width, height: pixels.height };
  const data = Buffer.from(bytes);
  for (let i = 0; i < data.length; i += 4) [data[i], data[i + 2]] = [data[i + 2]!, data[i]!];
  return { data, width: pixels.width, height: pixels.height };
}

function baseNameOf(title: string): string {
  const name = basename(title);
  return name.slice(0, name.length - extname(name).length) || 'image';
}

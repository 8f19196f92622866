/**
 * .sxcu files opened with Shotput (double-clicked, "Open with", a second launch). A file from the
 * desktop may come from anywhere, so nothing is imported until the user confirms in the window;
 * until then it waits here, checked, with what importing it would add.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_SXCU_CHARS, type PendingSxcu } from '../../../../shared/sxcu.js';
import { ShotputError, toUserError } from '../../errors.js';
import { describeDestinations } from './spec.js';
import { CustomUploaderErrorCode, secretLabel, type CustomUploaderStore, type ImportReport } from './store.js';

export function isSxcuPath(path: string): boolean {
  return path.toLowerCase().endsWith('.sxcu');
}

interface Waiting {
  view: PendingSxcu;
  text?: string;
}

export class OpenedSxcuFiles {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly deps: {
      store: CustomUploaderStore;
      /** Told whenever the list changes, so the window can ask. */
      onChange(items: PendingSxcu[]): void;
    },
  ) {}

  list(): PendingSxcu[] {
    return [...this.waiting.values()].map((w) => w.view);
  }

  /** Reads and checks a file; it waits for the user's answer whether it can be imported or not. */
  async offer(path: string): Promise<PendingSxcu> {
    const token = randomUUID();
    const fileName = basename(path);
    let waiting: Waiting;
    try {
      const text = await readSmallFile(path);
      const prepared = this.deps.store.prepare(text, { fileName, replace: true });
      const { uploader } = prepared;
      waiting = {
        text,
        view: {
          token,
          fileName,
          preview: {
            name: uploader.label,
            id: uploader.id,
            kinds: describeDestinations(uploader.spec.destinations),
            secrets: uploader.secrets.map(secretLabel),
            warnings: prepared.warnings,
            replaces: prepared.previous !== undefined,
          },
        },
      };
    } catch (err) {
      waiting = { view: { token, fileName, error: toUserError(err) } };
    }
    this.waiting.set(token, waiting);
    this.changed();
    return waiting.view;
  }

  async confirm(token: string): Promise<ImportReport> {
    const waiting = this.take(token);
    if (waiting.text === undefined) throw new ShotputError(waiting.view.error?.code ?? 'sxcu_invalid', waiting.view.error?.message ?? 'This file cannot be imported.');
    return this.deps.store.import(waiting.text, { fileName: waiting.view.fileName, replace: true });
  }

  dismiss(token: string): void {
    this.take(token);
  }

  private take(token: string): Waiting {
    const waiting = this.waiting.get(token);
    if (!waiting) throw new ShotputError(CustomUploaderErrorCode.notFound, 'That file is no longer waiting to be imported; open it again.');
    this.waiting.delete(token);
    this.changed();
    return waiting;
  }

  private changed(): void {
    this.deps.onChange(this.list());
  }
}

async function readSmallFile(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw new ShotputError('file_unreadable', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message}.`);
  }
  if (size > MAX_SXCU_CHARS * 4) {
    throw new ShotputError('sxcu_unsupported', `${basename(path)} is ${Math.round(size / 1024)} KB; .sxcu files are a few hundred bytes, so this is probably not one.`);
  }
  return readFile(path, 'utf8');
}

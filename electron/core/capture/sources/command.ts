import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DisplayLayout } from '../geometry.js';
import { CaptureErrorCode, captureError, type CaptureSource } from '../types.js';
import { desktopFileSource } from './desktop-file.js';

/**
 * Splits a command template into words, honouring "double" and 'single' quotes and backslash
 * escapes, so it runs without a shell. `{file}` stands for the file the command must write.
 */
export function splitCommand(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < template.length) word += template[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < template.length) {
      word += template[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw captureError(CaptureErrorCode.unavailable, `The capture command has an unclosed ${quote} quote: ${template}`);
  if (inWord) words.push(word);
  return words;
}

export function commandArgv(template: string, file: string): string[] {
  const words = splitCommand(template);
  if (words.length === 0) throw captureError(CaptureErrorCode.unavailable, 'The capture command is empty. Set capture.command, for example to "grim {file}".');
  if (!words.some((w) => w.includes('{file}'))) {
    throw captureError(CaptureErrorCode.unavailable, `The capture command must say where to write the image with {file}, for example "grim {file}"; got "${template}".`);
  }
  return words.map((w) => w.replaceAll('{file}', file));
}

export interface CommandSourceOptions {
  /** e.g. `grim {file}`, `spectacle -b -n -o {file}`, `gnome-screenshot -f {file}`. */
  template: string;
  layouts?: () => Promise<DisplayLayout[]>;
  timeoutMs?: number;
}

/** A user-set screenshot command, for desktops where nothing else works. */
export function commandSource(options: CommandSourceOptions): CaptureSource {
  return desktopFileSource({
    id: 'command',
    label: `the command "${options.template}"`,
    ...(options.layouts ? { layouts: options.layouts } : {}),
    async screenshot() {
      const dir = await mkdtemp(join(tmpdir(), 'shotput-capture-'));
      const file = join(dir, 'screen.png');
      const [program, ...args] = commandArgv(options.template, file);
      try {
        await new Promise<void>((resolve, reject) => {
          execFile(program!, args, { timeout: options.timeoutMs ?? 30_000, windowsHide: true }, (err, _stdout, stderr) => {
            if (!err) return resolve();
            const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not installed or not on PATH` : (String(stderr).trim().replace(/\s+/g, ' ').slice(0, 400).replace(/\.$/, '') || err.message);
            reject(captureError(CaptureErrorCode.failed, `The capture command "${options.template}" failed: ${why}. Fix it with \`shotput config set capture.command "…"\`.`, err));
          });
        });
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
    },
  });
}

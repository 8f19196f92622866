import { safeFileName } from '../../files/names.js';

/** What a file name pattern can refer to. */
export interface FileNameFacts {
  date: Date;
  /** The capture counter (`%i`), increased once per saved capture. */
  counter: number;
  windowTitle?: string;
  processName?: string;
  width?: number;
  height?: number;
}

export const FILE_NAME_TOKENS: ReadonlyArray<{ token: string; meaning: string }> = [
  { token: '%y', meaning: 'year (2026)' },
  { token: '%yy', meaning: 'year, two digits (26)' },
  { token: '%mo', meaning: 'month (01–12)' },
  { token: '%d', meaning: 'day (01–31)' },
  { token: '%h', meaning: 'hour (00–23)' },
  { token: '%mi', meaning: 'minute' },
  { token: '%s', meaning: 'second' },
  { token: '%ms', meaning: 'millisecond' },
  { token: '%i', meaning: 'counter' },
  { token: '%t', meaning: 'window title' },
  { token: '%pn', meaning: 'application name' },
  { token: '%width', meaning: 'image width' },
  { token: '%height', meaning: 'image height' },
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
// Longest tokens first, so %mo is not read as %m + o, nor %height as %h + eight.
const TOKEN = /%(width|height|yy|y|mo|mi|ms|pn|d|h|s|i|t)/g;

/**
 * A file name (without extension) from a ShareX-style pattern such as `Shotput_%y-%mo-%d_%h-%mi-%s`.
 * Unknown tokens stay as written; whatever a window title brings that a file system refuses is replaced.
 */
export function expandFileNamePattern(pattern: string, facts: FileNameFacts): string {
  const d = facts.date;
  const values: Record<string, string> = {
    y: String(d.getFullYear()),
    yy: pad(d.getFullYear() % 100),
    mo: pad(d.getMonth() + 1),
    d: pad(d.getDate()),
    h: pad(d.getHours()),
    mi: pad(d.getMinutes()),
    s: pad(d.getSeconds()),
    ms: pad(d.getMilliseconds(), 3),
    i: String(facts.counter),
    t: facts.windowTitle ?? '',
    pn: facts.processName ?? '',
    width: facts.width === undefined ? '' : String(facts.width),
    height: facts.height === undefined ? '' : String(facts.height),
  };
  const expanded = pattern.replace(TOKEN, (_match, name: string) => values[name]!.replace(/[\\/]/g, '_'));
  return safeFileName(expanded, `Shotput_${values.y}-${values.mo}-${values.d}_${values.h}-${values.mi}-${values.s}`);
}

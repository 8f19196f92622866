/**
 * ShareX's `%` name patterns (`%y-%mo-%d`, `%rn{6}`, `%guid` …) as its NameParser applies them to
 * Parameters, Headers, Arguments and Data. ShareX replaces them one after another over the whole
 * text; the order below is its order, which is what decides overlapping names (`%mon2` before
 * `%mon` before `%mo`). Clock, randomness and the machine's names are injected.
 */
import { ADJECTIVES, ANIMALS, EMOJI } from './words.js';

export interface NamePatternEnv {
  /** The local time is read from this Date's local getters. */
  now(): Date;
  /** Uniform in [0, 1). */
  random(): number;
  uuid(): string;
  userName: string;
  userDomain: string;
  machineName: string;
  /** `%mon` and `%w` are in this language; `%mon2` and `%w2` always in English. Default: the system's. */
  locale?: string;
  /** `%width` and `%height`; ShareX leaves them empty for custom uploaders, and so does Shotput when unknown. */
  imageWidth?: number;
  imageHeight?: number;
}

const NUMBERS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = NUMBERS + UPPER + LOWER;
const ALPHANUMERIC_INVERSE = NUMBERS + LOWER + UPPER;
const HEX = '0123456789abcdef';
/** Base58 without 1 and o: no characters a person could misread. */
const BASE56 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';

/** Random characters by pattern; `%rna` before `%rn`, whose name it starts with. */
const RANDOM_CHARACTERS = [
  ['%rna', BASE56],
  ['%rn', NUMBERS],
  ['%ra', ALPHANUMERIC],
  ['%rx', HEX],
  ['%rX', HEX.toUpperCase()],
] as const;

/** ShareX's auto-increment counter starts at 0 in every fresh parser, so custom uploaders always see 1. */
const AUTO_INCREMENT = 1;

/**
 * A file that reads a line from the user's disk and sends it to a server it names is not
 * something an imported file should be able to do: `%rf{path}` is refused at import.
 */
export const FILE_READING_PATTERN = /%rf\{/;

const pad = (n: number | string, digits = 2) => String(n).padStart(digits, '0');

function replaceEach(text: string, token: string, make: () => string): string {
  let out = text;
  for (let at = out.indexOf(token); at !== -1; at = out.indexOf(token, at)) {
    const value = make();
    out = out.slice(0, at) + value + out.slice(at + token.length);
    at += value.length;
  }
  return out;
}

/** Each `%rn{5}`-style occurrence, with its numeric arguments (missing or non-numeric are 0). */
function eachWithArguments(text: string, prefix: string, replace: (args: number[]) => string): string {
  let out = text;
  for (let at = out.indexOf(`${prefix}{`); at !== -1; at = out.indexOf(`${prefix}{`, at)) {
    const close = out.indexOf('}', at + prefix.length + 1);
    if (close === -1) break;
    const args = out
      .slice(at + prefix.length + 1, close)
      .split(',')
      .map((a) => (/^\s*-?\d+\s*$/.test(a) ? Number(a) : 0));
    const value = replace(args);
    out = out.slice(0, at) + value + out.slice(close + 1);
    at += value.length;
  }
  return out;
}

function toBase(n: number, base: number, digits: string): string {
  if (base < 2 || base > digits.length) return String(n);
  let out = '';
  let rest = n;
  do {
    out = digits[rest % base] + out;
    rest = Math.floor(rest / base);
  } while (rest > 0);
  return out;
}

/** Week of the year, weeks starting on Monday and week 1 holding January 1 (.NET's FirstDay rule). */
function weekOfYear(date: Date): number {
  const jan1 = new Date(date.getFullYear(), 0, 1);
  const dayOfYear = Math.round((new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() - jan1.getTime()) / 86_400_000);
  const jan1FromMonday = (jan1.getDay() + 6) % 7;
  return Math.floor((dayOfYear + jan1FromMonday) / 7) + 1;
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function autoIncrement(text: string): string {
  const markers = ['%i', '%ib', '%iB', '%iAa', '%iaA', '%ia', '%iA', '%ix', '%iX'];
  if (!markers.some((m) => text.includes(m))) return text;
  const n = AUTO_INCREMENT;
  let out = text;
  out = eachWithArguments(out, '%ib', ([base = 0, digits = 0]) => pad(toBase(n, base, ALPHANUMERIC_INVERSE), digits));
  out = eachWithArguments(out, '%iB', ([base = 0, digits = 0]) => pad(toBase(n, base, ALPHANUMERIC), digits));
  const families: Array<[string, (digits: number) => string]> = [
    ['%iAa', (d) => pad(toBase(n, 62, ALPHANUMERIC), d)],
    ['%iaA', (d) => pad(toBase(n, 62, ALPHANUMERIC_INVERSE), d)],
    ['%ia', (d) => pad(toBase(n, 36, ALPHANUMERIC), d).toLowerCase()],
    ['%iA', (d) => pad(toBase(n, 36, ALPHANUMERIC), d).toUpperCase()],
    ['%ix', (d) => pad(n.toString(16), d)],
    ['%iX', (d) => pad(n.toString(16).toUpperCase(), d)],
    ['%i', (d) => pad(n, d)],
  ];
  for (const [token, format] of families) {
    out = eachWithArguments(out, token, ([digits = 0]) => format(digits));
    out = out.replaceAll(token, format(0));
  }
  return out;
}

/** Applies every `%` pattern ShareX knows to `text`. */
export function expandNamePatterns(text: string, env: NamePatternEnv): string {
  if (!text.includes('%')) return text;
  const pick = (chars: string | readonly string[]) => chars[Math.min(chars.length - 1, Math.floor(env.random() * chars.length))]!;
  const repeat = (count: number, chars: string | readonly string[]) => Array.from({ length: Math.max(0, count) }, () => pick(chars)).join('');
  const now = env.now();
  const local = env.locale;
  const monthName = (locale: string | undefined) => new Intl.DateTimeFormat(locale, { month: 'long' }).format(now);
  const dayName = (locale: string | undefined) => new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(now);

  let out = text
    .replaceAll('%width', env.imageWidth && env.imageWidth > 0 ? String(env.imageWidth) : '')
    .replaceAll('%height', env.imageHeight && env.imageHeight > 0 ? String(env.imageHeight) : '')
    .replaceAll('%mon2', monthName('en-US'))
    .replaceAll('%mon', monthName(local))
    .replaceAll('%yy', pad(now.getFullYear() % 100))
    .replaceAll('%y', String(now.getFullYear()))
    .replaceAll('%mo', pad(now.getMonth() + 1))
    .replaceAll('%d', pad(now.getDate()));
  const hours = now.getHours();
  const hour = out.includes('%pm') ? (hours === 0 ? '12' : pad(hours > 12 ? hours - 12 : hours)) : pad(hours);
  out = out
    .replaceAll('%h', hour)
    .replaceAll('%mi', pad(now.getMinutes()))
    .replaceAll('%s', pad(now.getSeconds()))
    .replaceAll('%ms', pad(now.getMilliseconds(), 3))
    .replaceAll('%wy', String(weekOfYear(now)))
    .replaceAll('%w2', dayName('en-US'))
    .replaceAll('%w', dayName(local))
    .replaceAll('%pm', hours >= 12 ? 'PM' : 'AM')
    .replaceAll('%unix', String(Math.floor(now.getTime() / 1000)));
  out = autoIncrement(out);
  out = out
    .replaceAll('%un', env.userName)
    .replaceAll('%uln', env.userDomain)
    .replaceAll('%cn', env.machineName)
    .replaceAll('%n', '\n');
  out = replaceEach(out, '%radjective', () => titleCase(pick(ADJECTIVES)));
  out = replaceEach(out, '%ranimal', () => titleCase(pick(ANIMALS)));
  // `%rn{5}` forms first, then the single characters: ShareX's order.
  for (const [token, chars] of [...RANDOM_CHARACTERS, ['%remoji', EMOJI] as const]) {
    out = eachWithArguments(out, token, ([count = 0]) => repeat(count, chars));
  }
  for (const [token, chars] of RANDOM_CHARACTERS) out = replaceEach(out, token, () => pick(chars));
  out = replaceEach(out, '%guid', () => env.uuid().toLowerCase());
  out = replaceEach(out, '%GUID', () => env.uuid().toUpperCase());
  out = replaceEach(out, '%remoji', () => pick(EMOJI));
  return out;
}

const ESCAPED_BACKSLASH = '\uE000';
const ESCAPED_PERCENT = '\uE001';

/**
 * Name patterns for a value that then goes through the syntax parser: `\%` and `\\` are kept as
 * written (the syntax parser turns them into `%` and `\`), so a literal percent sign survives.
 */
export function expandNamePatternsKeepingEscapes(text: string, env: NamePatternEnv): string {
  const shielded = text.replaceAll('\\\\', ESCAPED_BACKSLASH).replaceAll('\\%', ESCAPED_PERCENT);
  return expandNamePatterns(shielded, env).replaceAll(ESCAPED_PERCENT, '\\%').replaceAll(ESCAPED_BACKSLASH, '\\\\');
}

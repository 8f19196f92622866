/**
 * The two URL encodings ShareX uses, byte for byte, and its way of putting parameters on a URL.
 * Hosts were tested against these, so Shotput sends exactly the same bytes.
 */
import type { NamedValue } from './spec.js';

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** What .NET's HttpUtility.UrlEncode leaves alone. */
const FORM_SAFE = /[A-Za-z0-9\-_.!*()]/;

const encoder = new TextEncoder();

function encodeBytes(text: string, safe: RegExp, hex: (byte: number) => string, space?: string): string {
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && safe.test(c)) out += c;
    else if (space !== undefined && c === ' ') out += space;
    else out += `%${hex(byte)}`;
  }
  return out;
}

/** `{filename}` and `{input}` in RequestURL and result URLs: RFC 3986 unreserved kept, upper-case hex. */
export function sharexUrlEncode(text: string): string {
  return encodeBytes(text, UNRESERVED, (b) => b.toString(16).toUpperCase().padStart(2, '0'));
}

/** Parameter values and FormURLEncoded bodies: spaces as +, lower-case hex, as HttpUtility.UrlEncode. */
export function formUrlEncode(text: string): string {
  return encodeBytes(text, FORM_SAFE, (b) => b.toString(16).padStart(2, '0'), '+');
}

/** Like HttpUtility.UrlDecode: + is a space, %XX a byte; a malformed escape is kept as written. */
export function formUrlDecode(text: string): string {
  const bytes: number[] = [];
  const spaced = text.replace(/\+/g, ' ');
  for (let i = 0; i < spaced.length; i++) {
    const hex = spaced.slice(i + 1, i + 3);
    if (spaced[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...encoder.encode(spaced[i]!));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** `key=value&…`, keys as written, values form-encoded; an empty value sends the key alone. */
export function queryString(pairs: readonly NamedValue[]): string {
  return pairs.map(({ name, value }) => (value === '' ? name : `${name}=${formUrlEncode(value)}`)).join('&');
}

export function appendQuery(url: string, pairs: readonly NamedValue[]): string {
  const query = queryString(pairs);
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Splits `https://host/up?key=abc&flag` into the URL before `?` and its parameters, decoded as
 * ShareX decodes them (a bare `flag` becomes a parameter with an empty value).
 */
export function splitQuery(url: string): { base: string; pairs: NamedValue[] } {
  const q = url.indexOf('?');
  if (q === -1) return { base: url, pairs: [] };
  const pairs: NamedValue[] = [];
  for (const part of url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) pairs.push({ name: formUrlDecode(part), value: '' });
    else pairs.push({ name: formUrlDecode(part.slice(0, eq)), value: formUrlDecode(part.slice(eq + 1)) });
  }
  return { base: url.slice(0, q), pairs };
}

const PREFIXES = ['http://', 'https://', 'ftp://', 'ftps://', 'file://', '//'];

/** ShareX adds https:// to a RequestURL written without a scheme. */
export function fixPrefix(url: string): string {
  if (url === '' || PREFIXES.some((p) => url.toLowerCase().startsWith(p))) return url;
  return `https://${url}`;
}

/** The host of a URL without `www.`, or undefined when it is not an absolute URL. */
export function hostName(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    if (host === '') return undefined;
    return host.toLowerCase().startsWith('www.') ? host.slice(4) : host;
  } catch {
    return undefined;
  }
}

/**
 * Which values of an imported file are credentials. They are kept as secret settings (the vault),
 * never in the custom uploader's stored spec or settings.json. Better one false alarm (a value
 * kept encrypted for nothing) than one key in clear text.
 */
import type { MapField, SxcuSpec } from './spec.js';
import { MAP_FIELDS } from './spec.js';

/** Entry names that hold credentials, compared without case or separators (`API_Key` → `apikey`). */
const SECRET_NAMES = new Set([
  'key', 'apikey', 'token', 'secret', 'password', 'passwd', 'pwd', 'pass', 'auth', 'authorization', 'proxyauthorization', 'cookie',
  'session', 'sessionid', 'sid', 'signature', 'sig', 'credential', 'credentials', 'bearer', 'hash', 'userhash', 'privatekey',
]);
const SECRET_ENDINGS = ['key', 'token', 'secret', 'password', 'passwd', 'auth', 'authorization', 'cookie', 'credentials', 'signature', 'sessionid'];
const SECRET_PARTS = ['password', 'secret', 'token', 'apikey', 'accesskey'];
/** Words that may precede a token in a value: `Bearer abc…`, `Client-ID abc…`. */
const SCHEMES = /^(bearer|basic|token|bot|client-id|digest|apikey|key)\s+/i;

/** Headers that describe the request, never credentials, whatever their value looks like. */
const DESCRIPTIVE_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'content-type', 'user-agent', 'referer', 'origin', 'x-requested-with', 'cache-control']);

export type SecretReason = 'name' | 'value' | 'placeholder';

export interface DetectedSecret {
  field: MapField;
  name: string;
  reason: SecretReason;
}

export function isSecretName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (compact === '') return false;
  return SECRET_NAMES.has(compact) || SECRET_ENDINGS.some((e) => compact.endsWith(e)) || SECRET_PARTS.some((p) => compact.includes(p));
}

function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** A long token of mixed letters and digits with no structure: an API key whatever its name. */
export function looksLikeKey(value: string): boolean {
  if (/[{}%]/.test(value) || value.includes('://') || /^[a-z]+\/[\w.+-]+$/i.test(value.trim())) return false;
  const token = value.trim().replace(SCHEMES, '');
  if (token.length < 20 || !/^[A-Za-z0-9_\-+/=.~:]+$/.test(token)) return false;
  if (!/[0-9]/.test(token) || !/[A-Za-z]/.test(token)) return false;
  return entropyPerChar(token) >= 3.5;
}

export function detectSecrets(spec: SxcuSpec): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const field of MAP_FIELDS) {
    for (const { name, value } of spec[field]) {
      if (isSecretName(name)) found.push({ field, name, reason: 'name' });
      else if (field === 'headers' && DESCRIPTIVE_HEADERS.has(name.toLowerCase())) continue;
      // "YOUR API KEY" under a name like `k`: the sample says a key goes here.
      else if (looksLikePlaceholder(value) && /\b(key|token|secret|password)\b|api_?key/i.test(value)) found.push({ field, name, reason: 'placeholder' });
      // Any other value written in the file: names miss X-Upload-Pass, k, pin or passphrase, and
      // ShareX users put credentials in all of them. Only values made of functions and name
      // patterns alone ({filename}, %y) are not the user's own text.
      else if (looksLikeKey(value) || hasOwnText(value)) found.push({ field, name, reason: 'value' });
    }
  }
  return found;
}

/** Text of the user's own in a value, beyond `{function}` calls and `%name` patterns. */
function hasOwnText(value: string): boolean {
  let rest = value;
  // Innermost calls first, so nested ones ({json:{response}|a}) go too.
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(/\{[^{}]*\}/g, '');
  }
  return rest.replace(/%[a-z]+/gi, '').trim() !== '';
}

/** Sample files ship with "Your API key goes here" or "<API KEY HERE>" where the key belongs. */
export function looksLikePlaceholder(value: string): boolean {
  const token = value.trim().replace(SCHEMES, '');
  return /^<.*>$|\byour\b|\bhere\b|\binsert\b|\breplace\b|x{6,}|^\.\.\.$/i.test(token) || /\s/.test(token);
}

/**
 * A name safe to use as a file name on any OS, from a name a page or a server gave: no folders,
 * no control or reserved characters, bounded length, never empty.
 */
export function safeFileName(name: string, fallback = 'upload'): string {
  const last = name.split(/[\\/]/).at(-1) ?? '';
  const cleaned = last
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 180);
  return cleaned === '' ? fallback : cleaned;
}

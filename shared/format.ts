/** Byte sizes as people read them, in every message and view: "512 B", "48 KB", "1.5 MB", "60 MB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

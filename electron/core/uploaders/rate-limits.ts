import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RateLimitState } from './types.js';

/**
 * The last rate-limit budget each service announced (Imgur's headers), so the UI can show
 * "uploads left" without asking the service again. Given a file, the budgets outlive the process:
 * a restart (or the next CLI run) still knows how many uploads are left until the reset.
 */
export class RateLimitTracker {
  private readonly states = new Map<string, RateLimitState>();
  private readonly listeners = new Set<(state: RateLimitState) => void>();

  constructor(private readonly options: { file?: string; now?: () => number } = {}) {
    if (!options.file) return;
    try {
      const stored = JSON.parse(readFileSync(options.file, 'utf8')) as unknown;
      if (!Array.isArray(stored)) return;
      const now = options.now?.() ?? Date.now();
      for (const item of stored as RateLimitState[]) {
        const valid = typeof item?.service === 'string' && Number.isFinite(item.remaining) && Number.isFinite(item.limit);
        // A budget whose reset has passed says nothing any more.
        if (valid && !(item.resetAt !== undefined && item.resetAt <= now)) this.states.set(item.service, { ...item });
      }
    } catch {
      // No file yet, or an unreadable one: start from nothing, as before the first upload.
    }
  }

  report(state: RateLimitState): void {
    this.states.set(state.service, { ...state });
    for (const listener of this.listeners) listener({ ...state });
    if (this.options.file) this.save(this.options.file);
  }

  get(service: string): RateLimitState | undefined {
    const state = this.states.get(service);
    return state && { ...state };
  }

  /**
   * A few hundred bytes, written at once (and atomically) rather than in the background, so no
   * write is left running when the process ends or its profile folder is removed.
   */
  private save(file: string): void {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify([...this.states.values()]));
      renameSync(temp, file);
    } catch {
      // Only a display figure: losing it costs nothing but showing "not known yet".
    }
  }

  onChange(listener: (state: RateLimitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

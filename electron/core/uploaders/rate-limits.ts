import type { RateLimitState } from './types.js';

/**
 * The last rate-limit budget each service announced (Imgur's headers), so the UI can show
 * "uploads left" without asking the service again.
 */
export class RateLimitTracker {
  private readonly states = new Map<string, RateLimitState>();
  private readonly listeners = new Set<(state: RateLimitState) => void>();

  report(state: RateLimitState): void {
    this.states.set(state.service, { ...state });
    for (const listener of this.listeners) listener({ ...state });
  }

  get(service: string): RateLimitState | undefined {
    const state = this.states.get(service);
    return state && { ...state };
  }

  onChange(listener: (state: RateLimitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

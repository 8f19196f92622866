import type { ImgurStatus } from '../../../../shared/uploaders.js';
import { toUserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RateLimitTracker } from '../rate-limits.js';
import type { UploadContext } from '../types.js';
import { forgetTokens, isAccountConnected } from './client.js';
import { connectImgurAccount } from './oauth.js';

export interface ImgurConnectionDeps {
  /** Imgur's upload context with the given signal. */
  context(signal?: AbortSignal): UploadContext;
  /** The user's browser (Electron's shell.openExternal in the app). */
  openExternal(url: string): Promise<void>;
  rateLimits: RateLimitTracker;
  logger: Logger;
}

/**
 * The Imgur account as the UI drives it: `connect()` resolves as soon as the browser is asked to
 * open the authorize page (with that page's address, in case it did not open); the outcome
 * arrives later through `onStatus`, as does every change of "uploads left".
 */
export class ImgurConnection {
  private pending: { controller: AbortController; authorizeUrl?: string } | undefined;
  private lastError: ImgurStatus['error'];
  private readonly listeners = new Set<(status: ImgurStatus) => void>();

  constructor(private readonly deps: ImgurConnectionDeps) {
    deps.rateLimits.onChange((state) => {
      if (state.service === 'imgur') void this.emit();
    });
  }

  async status(): Promise<ImgurStatus> {
    const ctx = this.deps.context();
    const limit = this.deps.rateLimits.get('imgur');
    const username = String(ctx.config.get('account') ?? '') || undefined;
    return {
      connected: await isAccountConnected(ctx),
      username,
      connecting: this.pending !== undefined,
      authorizeUrl: this.pending?.authorizeUrl,
      clientIdSet: Boolean(await ctx.config.getSecret('clientId')),
      uploadsLeft: limit && {
        remaining: limit.remaining,
        limit: limit.limit,
        resetAt: limit.resetAt !== undefined ? new Date(limit.resetAt).toISOString() : undefined,
      },
      error: this.lastError,
    };
  }

  /** Starts connecting; rejects at once when something is missing (Client ID, a free port). */
  async connect(): Promise<{ authorizeUrl: string }> {
    if (this.pending?.authorizeUrl) return { authorizeUrl: this.pending.authorizeUrl };
    this.pending?.controller.abort();
    const pending: { controller: AbortController; authorizeUrl?: string } = { controller: new AbortController() };
    this.pending = pending;
    this.lastError = undefined;
    let opened!: (url: string) => void;
    const urlShown = new Promise<string>((resolve) => (opened = resolve));
    const outcome = connectImgurAccount({
      ctx: this.deps.context(pending.controller.signal),
      openUrl: async (url) => {
        pending.authorizeUrl = url;
        opened(url);
        await this.deps.openExternal(url);
      },
    });
    void outcome.then(
      (account) => this.settle(pending, undefined, `Connected to Imgur as ${account.username ?? 'your account'}.`),
      (err: unknown) => this.settle(pending, err),
    );
    // A refusal before the browser opens (no Client ID, port taken) is the caller's to show.
    const authorizeUrl = await Promise.race([urlShown, outcome.then(() => pending.authorizeUrl ?? '')]);
    void this.emit();
    return { authorizeUrl };
  }

  cancel(): void {
    this.pending?.controller.abort();
  }

  async disconnect(): Promise<ImgurStatus> {
    this.cancel();
    await forgetTokens(this.deps.context());
    this.lastError = undefined;
    await this.emit();
    return this.status();
  }

  onStatus(listener: (status: ImgurStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async settle(pending: { controller: AbortController; authorizeUrl?: string }, err: unknown, note?: string): Promise<void> {
    if (this.pending !== pending) return;
    this.pending = undefined;
    // Errors before the browser opened were thrown by connect(); a cancel is the user's own doing.
    if (err !== undefined && pending.authorizeUrl !== undefined && !pending.controller.signal.aborted) {
      this.lastError = toUserError(err);
      this.deps.logger.warn(`Imgur account not connected: ${this.lastError.message}`);
    } else if (note) {
      this.deps.logger.info(note);
    }
    await this.emit();
  }

  private async emit(): Promise<void> {
    const status = await this.status();
    for (const listener of this.listeners) listener(status);
  }
}

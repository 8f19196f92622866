import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-file.js';
import { ShotputError } from '../errors.js';
import type { SecretVault } from './vault.js';

/**
 * How a secret is written. The app uses the OS keychain (safeStorage); plain Node has none, so
 * its codec stores text in a file only the owner can read.
 */
export interface SecretCodec {
  readonly scheme: string;
  readonly protection: string;
  encode(plain: string): string;
  decode(stored: string): string;
}

export const plainCodec: SecretCodec = {
  scheme: 'plain',
  protection: 'stored unencrypted in a file only your user can read (no OS keychain outside the app)',
  encode: (plain) => plain,
  decode: (stored) => stored,
};

interface Entry {
  scheme: string;
  data: string;
}

/**
 * `<profile>/secrets.json`, mode 0600, replaced atomically. Each entry records its scheme, so an
 * app-encrypted secret is recognised (and reported) by the CLI rather than read as garbage, and
 * a plain one written by the CLI is re-encrypted the first time the app reads it.
 */
export class FileSecretVault implements SecretVault {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly codec: SecretCodec = plainCodec,
    private readonly readableSchemes: readonly string[] = [codec.scheme],
  ) {}

  get location(): string {
    return this.path;
  }

  get protection(): string {
    return this.codec.protection;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = (await this.read())[key];
    if (!entry) return undefined;
    if (entry.scheme === this.codec.scheme) return this.codec.decode(entry.data);
    if (entry.scheme === plainCodec.scheme && this.readableSchemes.includes(plainCodec.scheme)) {
      await this.set(key, entry.data);
      return entry.data;
    }
    throw new ShotputError(
      'secret_unreadable',
      `The secret ${key} was saved by the Shotput app with the system keychain and cannot be read here. Set it again with \`shotput config set ${key} <value>\`.`,
    );
  }

  async has(key: string): Promise<boolean> {
    return Object.hasOwn(await this.read(), key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.update((all) => {
      all[key] = { scheme: this.codec.scheme, data: this.codec.encode(value) };
    });
  }

  async delete(key: string): Promise<void> {
    await this.update((all) => {
      delete all[key];
    });
  }

  private async read(): Promise<Record<string, Entry>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    try {
      return JSON.parse(text) as Record<string, Entry>;
    } catch {
      throw new ShotputError('secrets_corrupt', `The secrets file ${this.path} is not valid JSON. Move it aside and enter your keys again.`);
    }
  }

  private update(change: (all: Record<string, Entry>) => void): Promise<void> {
    const next = this.writing.then(async () => {
      const all = await this.read();
      change(all);
      await writeFileAtomic(this.path, JSON.stringify(all, null, 2), { mode: 0o600 });
    });
    this.writing = next.catch(() => {});
    return next;
  }
}

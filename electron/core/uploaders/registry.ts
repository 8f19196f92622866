import type { FieldChoice } from '../../../shared/settings/fields.js';
import { ShotputError } from '../errors.js';
import type { Uploader } from './types.js';

export const RegistryErrorCode = {
  unknown: 'unknown_uploader',
  invalid: 'invalid_uploader',
} as const;

/** Ids of uploaders made at run time (from `.sxcu` files) start with this. */
export const CUSTOM_PREFIX = 'custom:';

/**
 * The uploaders Shotput knows, keyed by `descriptor.id`: the built-in ones, plus `custom:<name>`
 * uploaders registered at run time. Listeners hear about every change so settings sections and
 * the default-uploader choices follow.
 */
export class UploaderRegistry {
  private readonly uploaders = new Map<string, Uploader>();
  private readonly builtIn = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(builtIns: readonly Uploader[]) {
    for (const uploader of builtIns) {
      this.check(uploader);
      this.uploaders.set(uploader.descriptor.id, uploader);
      this.builtIn.add(uploader.descriptor.id);
    }
  }

  has(id: string): boolean {
    return this.uploaders.has(id);
  }

  /** The uploader with this id, or an error that lists the ones there are. */
  get(id: string): Uploader {
    const uploader = this.uploaders.get(id);
    if (!uploader) {
      throw new ShotputError(
        RegistryErrorCode.unknown,
        `There is no uploader "${id}". Known uploaders: ${[...this.uploaders.keys()].join(', ')}. Custom uploaders are added with \`shotput import-sxcu <file>\`.`,
      );
    }
    return uploader;
  }

  /** Built-in uploaders first, in their fixed order, then custom ones by name. */
  list(): Uploader[] {
    const all = [...this.uploaders.values()];
    const custom = all.filter((u) => !this.builtIn.has(u.descriptor.id)).sort((a, b) => a.descriptor.id.localeCompare(b.descriptor.id));
    return [...all.filter((u) => this.builtIn.has(u.descriptor.id)), ...custom];
  }

  isBuiltIn(id: string): boolean {
    return this.builtIn.has(id);
  }

  /** For the default-uploader setting. */
  choices(): FieldChoice[] {
    return this.list().map((u) => ({ value: u.descriptor.id, label: u.descriptor.label }));
  }

  /** Adds or replaces a `custom:<name>` uploader (importing the same .sxcu again replaces it). */
  register(uploader: Uploader): void {
    const id = uploader.descriptor.id;
    if (!id.startsWith(CUSTOM_PREFIX) || id.length === CUSTOM_PREFIX.length) {
      throw new ShotputError(RegistryErrorCode.invalid, `Uploaders added at run time need an id of the form ${CUSTOM_PREFIX}<name>; got "${id}".`);
    }
    this.check(uploader);
    this.uploaders.set(id, uploader);
    this.emit();
  }

  /** Removes a custom uploader; built-in ones cannot be removed. False if it was not there. */
  unregister(id: string): boolean {
    if (this.builtIn.has(id)) throw new ShotputError(RegistryErrorCode.invalid, `"${id}" is built into Shotput and cannot be removed.`);
    const removed = this.uploaders.delete(id);
    if (removed) this.emit();
    return removed;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every settings key must live under `uploaders.<id>.`, so settings never collide. */
  private check(uploader: Uploader): void {
    const { id, settings } = uploader.descriptor;
    const prefix = `uploaders.${id}.`;
    const stray = settings.find((f) => !f.key.startsWith(prefix) || f.key.length === prefix.length);
    if (stray) throw new ShotputError(RegistryErrorCode.invalid, `The setting "${stray.key}" of uploader "${id}" must be named ${prefix}<field>.`);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Imported custom uploaders in the profile: their specs in `<profile>/custom-uploaders.json`,
 * their credentials as secret settings (`uploaders.custom:<name>.<field>.<entry>`) in the vault.
 * An import is all or nothing: if any step fails, the profile is left as it was.
 */
import { readFile } from 'node:fs/promises';
import type { SettingSection } from '../../../../shared/settings/fields.js';
import { writeFileAtomic } from '../../atomic-file.js';
import { ShotputError } from '../../errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { SettingsService } from '../../settings/service.js';
import { CUSTOM_PREFIX } from '../registry.js';
import { listQuestions, type SxcuQuestion } from './questions.js';
import { readSxcu } from './read.js';
import { detectSecrets, looksLikePlaceholder } from './secrets.js';
import { FILE_FIELD_NAMES, type MapField, type SxcuSpec } from './spec.js';
import type { StoredFile } from './store-schema.js';

export const CustomUploaderErrorCode = {
  exists: 'custom_uploader_exists',
  notFound: 'custom_uploader_not_found',
  storeUnreadable: 'custom_uploaders_unreadable',
  unwritable: 'custom_uploaders_unwritable',
} as const;

/** A secret entry of the spec, and the setting that holds its value. */
export interface SecretRef {
  field: MapField;
  name: string;
  /** The secret setting's key, `uploaders.custom:<name>.<field>.<entry>`. */
  key: string;
}

export interface StoredCustomUploader {
  /** `custom:<name>`, the registry id. */
  id: string;
  label: string;
  importedAt: string;
  source: { fileName?: string; version: string; migratedFrom?: string };
  /** The spec with every secret value left empty: those live in the vault. */
  spec: SxcuSpec;
  secrets: SecretRef[];
}

export interface ImportOptions {
  /** The file's name, for messages. */
  fileName?: string;
  /** Imports it under this name instead of the file's. */
  name?: string;
  /** Replaces an uploader of the same name. */
  replace?: boolean;
}

export interface PreparedImport {
  uploader: StoredCustomUploader;
  /** The spec with its secret values. */
  full: SxcuSpec;
  warnings: string[];
  /** The uploader it replaces. */
  previous?: StoredCustomUploader;
}

export interface ImportReport {
  uploader: StoredCustomUploader;
  /** Things read differently from the file, and secrets that still need a value. */
  warnings: string[];
  replaced: boolean;
}


/** `0x0.st (URL shortener)` → `0x0-st-url-shortener`: safe in ids, setting keys and command lines. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

export function customUploaderId(name: string): string {
  return `${CUSTOM_PREFIX}${slugify(name, 'uploader')}`;
}

function secretRefs(id: string, spec: SxcuSpec): SecretRef[] {
  const refs: SecretRef[] = [];
  const used = new Set<string>();
  for (const { field, name } of detectSecrets(spec)) {
    const base = `uploaders.${id}.${field}.${slugify(name, 'value')}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    refs.push({ field, name, key });
  }
  return refs;
}

export function entryValue(spec: SxcuSpec, ref: Pick<SecretRef, 'field' | 'name'>): string {
  return spec[ref.field].find((e) => e.name === ref.name)?.value ?? '';
}

export function withEntryValue(spec: SxcuSpec, ref: Pick<SecretRef, 'field' | 'name'>, value: string): SxcuSpec {
  return { ...spec, [ref.field]: spec[ref.field].map((e) => (e.name === ref.name ? { ...e, value } : e)) };
}

export function secretLabel(ref: Pick<SecretRef, 'field' | 'name'>): string {
  return `${FILE_FIELD_NAMES[ref.field]}.${ref.name}`;
}

/** The settings section holding an uploader's secrets (none when it has none). */
export function settingsSection(uploader: StoredCustomUploader): SettingSection {
  return {
    id: `uploaders.${uploader.id}`,
    title: uploader.label,
    fields: uploader.secrets.map((ref) => ({
      key: ref.key,
      label: secretLabel(ref),
      kind: 'secret' as const,
      help: `The value of ${secretLabel(ref)} from the imported file, kept as a secret.`,
    })),
  };
}

export interface CustomUploaderStoreOptions {
  /** `<profile>/custom-uploaders.json`. */
  path: string;
  settings: SettingsService;
  now?: () => number;
  logger?: Logger;
}

type ChangeListener = (uploaders: readonly StoredCustomUploader[]) => void;

export class CustomUploaderStore {
  private uploaders: StoredCustomUploader[] = [];
  /** Why the file could not be read; while set, nothing is written over it. */
  private unreadable?: string;
  private writing: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<ChangeListener>();
  private readonly settings: SettingsService;
  private readonly logger: Logger;
  private readonly now: () => number;

  private constructor(private readonly options: CustomUploaderStoreOptions) {
    this.settings = options.settings;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Reads the profile's custom uploaders and registers their secret settings. */
  static async open(options: CustomUploaderStoreOptions): Promise<CustomUploaderStore> {
    const store = new CustomUploaderStore(options);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.options.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // zod is loaded only when there is a file to check: most runs have no custom uploaders.
    const { fileSchema, ZodError } = await import('./store-schema.js');
    let parsed: StoredFile;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (err) {
      const reason = err instanceof ZodError ? (err.issues[0]?.message ?? 'unexpected content') : 'it is not valid JSON';
      this.unreadable = `${this.options.path} cannot be read (${reason}). Move it aside and import your .sxcu files again`;
      this.logger.warn(`Custom uploaders are not loaded: ${this.unreadable}.`);
      return;
    }
    this.uploaders = parsed.uploaders;
    this.settings.addSections(this.uploaders.filter((u) => u.secrets.length > 0).map(settingsSection));
    await this.settings.moveSecretsOutOfStore();
  }

  list(): StoredCustomUploader[] {
    return [...this.uploaders];
  }

  /** By id (`custom:imgbb-com`), by the part after `custom:`, or by the display name. */
  find(idOrName: string): StoredCustomUploader | undefined {
    const wanted = idOrName.startsWith(CUSTOM_PREFIX) ? idOrName : `${CUSTOM_PREFIX}${idOrName}`;
    return (
      this.uploaders.find((u) => u.id === wanted) ??
      this.uploaders.find((u) => u.id === customUploaderId(idOrName.replace(/^custom:/, ''))) ??
      this.uploaders.find((u) => u.label.toLowerCase() === idOrName.replace(/^custom:/, '').toLowerCase())
    );
  }

  get(id: string): StoredCustomUploader {
    const found = this.find(id);
    if (!found) {
      const known = this.uploaders.map((u) => u.id).join(', ') || 'none yet';
      throw new ShotputError(CustomUploaderErrorCode.notFound, `There is no custom uploader ${id}. Imported ones: ${known}.`);
    }
    return found;
  }

  /** The spec with its secrets filled in from the vault (or from a `--set` override). */
  async resolvedSpec(uploader: StoredCustomUploader): Promise<SxcuSpec> {
    let spec = uploader.spec;
    for (const ref of uploader.secrets) spec = withEntryValue(spec, ref, (await this.settings.getSecret(ref.key)) ?? '');
    return spec;
  }

  /** What it asks before each upload; a question may sit in a secret value, so these are read resolved. */
  async questions(uploader: StoredCustomUploader): Promise<SxcuQuestion[]> {
    return listQuestions(await this.resolvedSpec(uploader));
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads, checks and stores a .sxcu file. Throws SxcuError (the file) or ShotputError (the profile). */
  import(text: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.serialize(() => this.importNow(text, options));
  }

  remove(id: string): Promise<StoredCustomUploader> {
    return this.serialize(async () => {
      this.checkWritable();
      const uploader = this.get(id);
      const remaining = this.uploaders.filter((u) => u !== uploader);
      await this.save(remaining);
      this.uploaders = remaining;
      for (const ref of uploader.secrets) await this.settings.reset(ref.key);
      this.settings.removeSection(`uploaders.${uploader.id}`);
      this.emit();
      return uploader;
    });
  }

  /**
   * Everything an import does short of saving: reads and checks the file, names it, finds its
   * secrets. Throws SxcuError (the file) or ShotputError (an uploader of that name exists).
   */
  prepare(text: string, options: ImportOptions = {}): PreparedImport {
    const read = readSxcu(text, { source: options.fileName });
    const full: SxcuSpec = { ...read.spec, name: options.name?.trim() || read.spec.name };
    const id = customUploaderId(full.name);
    const previous = this.uploaders.find((u) => u.id === id);
    if (previous && !options.replace) {
      throw new ShotputError(CustomUploaderErrorCode.exists, `A custom uploader named "${previous.label}" is already imported as ${id}.`);
    }
    const secrets = secretRefs(id, full);
    let stored = full;
    for (const ref of secrets) stored = withEntryValue(stored, ref, '');
    const uploader: StoredCustomUploader = {
      id,
      label: full.name,
      importedAt: new Date(this.now()).toISOString(),
      source: { fileName: options.fileName, version: read.migratedFrom ?? read.spec.version, migratedFrom: read.migratedFrom },
      spec: stored,
      secrets,
    };
    const warnings = [...read.warnings];
    for (const ref of secrets) {
      const value = entryValue(full, ref);
      if (value === '' || looksLikePlaceholder(value)) {
        warnings.push(`${secretLabel(ref)} ${value === '' ? 'is empty' : 'looks like a placeholder, not a real value'}: set it as the secret setting ${ref.key}.`);
      }
    }
    return { uploader, full, warnings, previous };
  }

  private async importNow(text: string, options: ImportOptions): Promise<ImportReport> {
    this.checkWritable();
    const { uploader, full, warnings, previous } = this.prepare(text, options);
    const next = previous ? this.uploaders.map((u) => (u === previous ? uploader : u)) : [...this.uploaders, uploader];
    await this.commit(previous, uploader, full, next);
    this.uploaders = next;
    this.emit();
    return { uploader, warnings, replaced: previous !== undefined };
  }

  /** Writes the secrets, then the file; on any failure puts back what was there. */
  private async commit(previous: StoredCustomUploader | undefined, uploader: StoredCustomUploader, full: SxcuSpec, next: StoredCustomUploader[]): Promise<void> {
    const sectionId = `uploaders.${uploader.id}`;
    const leftovers = (previous?.secrets ?? []).filter((old) => !uploader.secrets.some((ref) => ref.key === old.key));
    const previousValues = new Map<string, string | undefined>();
    for (const ref of previous?.secrets ?? []) previousValues.set(ref.key, await this.settings.getSecret(ref.key));
    const register = (secrets: SecretRef[]) => {
      this.settings.removeSection(sectionId);
      if (secrets.length > 0) this.settings.addSections([settingsSection({ ...uploader, secrets })]);
    };
    // Every key this import touches is registered, so the settings service accepts it.
    register([...uploader.secrets, ...leftovers]);
    try {
      for (const ref of uploader.secrets) await this.settings.set(ref.key, entryValue(full, ref));
      await this.save(next);
    } catch (err) {
      for (const ref of uploader.secrets) if (!previousValues.has(ref.key)) await this.settings.reset(ref.key).catch(() => {});
      for (const [key, value] of previousValues) await this.settings.set(key, value ?? '').catch(() => {});
      this.settings.removeSection(sectionId);
      if (previous && previous.secrets.length > 0) this.settings.addSections([settingsSection(previous)]);
      throw err;
    }
    for (const old of leftovers) await this.settings.reset(old.key);
    register(uploader.secrets);
  }

  private checkWritable(): void {
    if (this.unreadable) throw new ShotputError(CustomUploaderErrorCode.storeUnreadable, `${this.unreadable}.`);
  }

  private async save(uploaders: StoredCustomUploader[]): Promise<void> {
    try {
      await writeFileAtomic(this.options.path, `${JSON.stringify({ version: 1, uploaders }, null, 2)}\n`);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new ShotputError(CustomUploaderErrorCode.unwritable, `Cannot write ${this.options.path} (${reason}); check that the profile folder is writable.`);
    }
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writing.then(work, work);
    this.writing = next.catch(() => {});
    return next;
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.list());
  }
}

import {
  checkFieldValue,
  parseFieldInput,
  type SettingField,
  type SettingSection,
  type SettingValue,
} from '../../../shared/settings/fields.js';
import type { SettingsSnapshot } from '../../../shared/ipc/contract.js';
import { ShotputError } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { SecretVault } from '../secrets/vault.js';
import { migrateSettings, settingsMigrations, type Migration, type MigrationReport } from './migrations.js';
import type { KeyValueStore } from './store.js';

export const SettingsErrorCode = {
  unknown: 'unknown_setting',
  invalid: 'invalid_setting',
} as const;

export interface SettingsOptions {
  store: KeyValueStore;
  vault: SecretVault;
  sections: SettingSection[];
  migrations?: readonly Migration[];
  logger?: Logger;
}

type ChangeListener = (keys: string[]) => void;

/**
 * Typed, validated settings. Values are checked against their field before they are stored (a
 * bad value is refused with a message, never silently kept); a stored value that no longer
 * passes (hand-edited file, older build) is ignored in favour of the default and reported once.
 * Secret fields go to the vault, never to the settings file.
 */
export class SettingsService {
  private readonly fields = new Map<string, SettingField>();
  private sections: SettingSection[] = [];
  private readonly overrides = new Map<string, SettingValue>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly reported = new Set<string>();
  readonly migration: MigrationReport;
  private readonly store: KeyValueStore;
  private readonly vault: SecretVault;
  private readonly logger: Logger;

  constructor(options: SettingsOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.logger = options.logger ?? silentLogger;
    this.addSections(options.sections);
    this.migration = migrateSettings(this.store, options.migrations ?? settingsMigrations);
    if (this.migration.applied.length > 0) {
      this.logger.info(`Settings migrated from version ${this.migration.from} to ${this.migration.to}.`);
    }
  }

  /** Adds or replaces sections (uploaders and imported custom uploaders contribute their own). */
  addSections(sections: SettingSection[]): void {
    for (const section of sections) {
      // A replaced section keeps its place, so the Settings view does not reorder.
      const at = this.sections.findIndex((s) => s.id === section.id);
      if (at === -1) this.sections = [...this.sections, section];
      else {
        for (const field of this.sections[at]!.fields) this.fields.delete(field.key);
        this.sections = this.sections.map((s, i) => (i === at ? section : s));
      }
      for (const field of section.fields) this.fields.set(field.key, field);
    }
  }

  removeSection(id: string): void {
    const section = this.sections.find((s) => s.id === id);
    if (!section) return;
    this.sections = this.sections.filter((s) => s.id !== id);
    for (const field of section.fields) this.fields.delete(field.key);
  }

  describe(): SettingSection[] {
    return this.sections.map((s) => ({ ...s, fields: s.fields.map((f) => ({ ...f })) }));
  }

  field(key: string): SettingField {
    const field = this.fields.get(key);
    if (!field) {
      throw new ShotputError(
        SettingsErrorCode.unknown,
        `There is no setting named "${key}". Run \`shotput config get\` to list the settings.`,
      );
    }
    return field;
  }

  keys(): string[] {
    return [...this.fields.keys()];
  }

  /** A non-secret value: the one-run override, else the stored value, else the default. */
  get(key: string): SettingValue {
    const field = this.field(key);
    if (field.kind === 'secret') {
      throw new ShotputError('secret_setting', `${key} is a secret; it is read through the vault.`);
    }
    const override = this.overrides.get(key);
    if (override !== undefined) return override;
    const stored = this.store.get(key);
    if (stored !== undefined) {
      const check = checkFieldValue(field, stored);
      if (check.ok) return check.value;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.logger.warn(`Ignoring the stored value of ${key} in ${this.store.path}: ${check.message} Using the default.`);
      }
    }
    return field.default ?? '';
  }

  getString(key: string): string {
    return String(this.get(key));
  }

  getNumber(key: string): number {
    const value = this.get(key);
    return typeof value === 'number' ? value : Number(value);
  }

  getBoolean(key: string): boolean {
    return this.get(key) === true;
  }

  async getSecret(key: string): Promise<string | undefined> {
    const field = this.field(key);
    if (field.kind !== 'secret') throw new ShotputError('not_secret', `${key} is not a secret setting.`);
    const override = this.overrides.get(key);
    if (override !== undefined) return String(override);
    return this.vault.get(key);
  }

  async isSecretSet(key: string): Promise<boolean> {
    return this.overrides.has(key) || (await this.vault.has(key));
  }

  async set(key: string, value: unknown): Promise<void> {
    const field = this.field(key);
    const check = checkFieldValue(field, value);
    if (!check.ok) throw new ShotputError(SettingsErrorCode.invalid, check.message);
    await this.store_(field, check.value);
  }

  /** From a command line or a text box: "3" for an integer, "yes" for a boolean. */
  async setFromText(key: string, text: string): Promise<void> {
    const field = this.field(key);
    const check = parseFieldInput(field, text);
    if (!check.ok) throw new ShotputError(SettingsErrorCode.invalid, check.message);
    await this.store_(field, check.value);
  }

  async reset(key: string): Promise<void> {
    const field = this.field(key);
    if (field.kind === 'secret') await this.vault.delete(key);
    else this.store.delete(key);
    this.emit([key]);
  }

  /** `--set key=value` for one run: validated like a stored value, never written. */
  override(key: string, text: string): void {
    const field = this.field(key);
    const check = parseFieldInput(field, text);
    if (!check.ok) throw new ShotputError(SettingsErrorCode.invalid, check.message);
    this.overrides.set(key, check.value);
  }

  /**
   * Secrets found in the plain settings file (hand-edited, or copied from another machine) are
   * moved into the vault, so the file never keeps a key in clear text.
   */
  async moveSecretsOutOfStore(): Promise<string[]> {
    const moved: string[] = [];
    for (const field of this.fields.values()) {
      if (field.kind !== 'secret' || !this.store.has(field.key)) continue;
      const value = this.store.get(field.key);
      if (typeof value === 'string' && value !== '') await this.vault.set(field.key, value);
      this.store.delete(field.key);
      moved.push(field.key);
    }
    if (moved.length > 0) this.logger.warn(`Moved ${moved.length} secret(s) out of ${this.store.path} into the secret store.`);
    return moved;
  }

  async snapshot(): Promise<SettingsSnapshot> {
    const values: Record<string, SettingValue> = {};
    const secrets: Record<string, boolean> = {};
    for (const field of this.fields.values()) {
      if (field.kind === 'secret') secrets[field.key] = await this.isSecretSet(field.key);
      else values[field.key] = this.get(field.key);
    }
    return { values, secrets };
  }

  /** Bookkeeping outside the schema (notices shown once and the like), kept under `meta.`. */
  metaFlag(name: string): boolean {
    return this.store.get(`meta.${name}`) === true;
  }

  setMetaFlag(name: string): void {
    this.store.set(`meta.${name}`, true);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async store_(field: SettingField, value: SettingValue): Promise<void> {
    if (field.kind === 'secret') {
      const text = String(value);
      if (text === '') await this.vault.delete(field.key);
      else await this.vault.set(field.key, text);
    } else {
      this.store.set(field.key, value);
    }
    this.emit([field.key]);
  }

  private emit(keys: string[]): void {
    for (const listener of this.listeners) listener(keys);
  }
}

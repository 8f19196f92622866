/**
 * Serializable descriptions of settings. The core builds the full list (core settings plus each
 * uploader's fields); the renderer renders forms from it and validates with the same function
 * the core uses, so both ends agree on what a valid value is.
 */
export type FieldKind = 'string' | 'url' | 'integer' | 'boolean' | 'choice' | 'secret' | 'hotkey';

export interface FieldChoice {
  value: string;
  label: string;
}

export interface SettingField {
  key: string;
  label: string;
  kind: FieldKind;
  /** Secrets have no default and are never sent to the renderer; only whether they are set. */
  default?: string | number | boolean;
  help?: string;
  min?: number;
  max?: number;
  choices?: FieldChoice[];
  /** Empty string allowed (e.g. a self-hosted base URL the user has not entered yet). */
  optional?: boolean;
  /** Kept by Shotput itself (OAuth tokens, the connected account): not shown in the Settings form. */
  hidden?: boolean;
}

export interface SettingSection {
  id: string;
  title: string;
  fields: SettingField[];
  /** Where Settings lists it; when absent, the section's id decides (see settingsGroupOf). */
  group?: SettingsGroup;
}

/** The Settings view's parts, in order, each with an entry in its index. */
export const SETTINGS_GROUPS = [
  { id: 'general', title: 'General' },
  { id: 'uploaders', title: 'Uploaders' },
  { id: 'capture', title: 'Capture and hotkeys' },
  { id: 'after', title: 'After capture and upload' },
  { id: 'pipeline', title: 'Image processing' },
  { id: 'history', title: 'History and storage' },
  { id: 'advanced', title: 'Advanced' },
] as const;
export type SettingsGroup = (typeof SETTINGS_GROUPS)[number]['id'];

/**
 * The group of a section: its own `group`, else by its id, so a section someone adds (say
 * `afterCapture` or `capture.sources`) lands in the right place without touching the view.
 */
export function settingsGroupOf(section: Pick<SettingSection, 'id' | 'group'>): SettingsGroup {
  if (section.group) return section.group;
  const id = section.id;
  if (id === 'general') return 'general';
  if (id.startsWith('uploaders') || id.startsWith('custom')) return 'uploaders';
  if (id.startsWith('hotkeys') || id.startsWith('capture') || id.startsWith('overlay')) return 'capture';
  if (id.startsWith('after')) return 'after';
  if (id.startsWith('pipeline') || id.startsWith('image')) return 'pipeline';
  if (id.startsWith('history') || id.startsWith('storage') || id.startsWith('thumbnails')) return 'history';
  return 'advanced';
}

export type SettingValue = string | number | boolean;

export type FieldCheck = { ok: true; value: SettingValue } | { ok: false; message: string };

const HOTKEY_MODIFIERS = new Set([
  'Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta',
]);
const HOTKEY_KEY = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|PrintScreen|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[`~!@#$%^&*()\-_=[\]{};:'",.<>/?\\|])$/;

/** Electron accelerator syntax, e.g. "CommandOrControl+Shift+4" or "PrintScreen". Empty disables. */
export function isValidHotkey(text: string): boolean {
  if (text === '') return true;
  const parts = text.split('+');
  const key = parts.pop();
  if (key === undefined || !HOTKEY_KEY.test(key)) return false;
  return parts.every((p) => HOTKEY_MODIFIERS.has(p)) && new Set(parts).size === parts.length;
}

function describeRange(field: SettingField): string {
  if (field.min !== undefined && field.max !== undefined) return `between ${field.min} and ${field.max}`;
  if (field.min !== undefined) return `at least ${field.min}`;
  if (field.max !== undefined) return `at most ${field.max}`;
  return 'a whole number';
}

/** Validates a value already of a JS type (from the UI or a stored file). */
export function checkFieldValue(field: SettingField, value: unknown): FieldCheck {
  const name = `${field.label} (${field.key})`;
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: `${name} must be true or false.` };
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return { ok: false, message: `${name} must be a whole number ${describeRange(field)}.` };
      }
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        return { ok: false, message: `${name} must be ${describeRange(field)}; got ${value}.` };
      }
      return { ok: true, value };
    }
    case 'choice': {
      const allowed = field.choices?.map((c) => c.value) ?? [];
      if (typeof value === 'string' && allowed.includes(value)) return { ok: true, value };
      return { ok: false, message: `${name} must be one of: ${allowed.join(', ')}; got ${JSON.stringify(value)}.` };
    }
    case 'url': {
      if (typeof value !== 'string') return { ok: false, message: `${name} must be a URL.` };
      const trimmed = value.trim();
      if (trimmed === '' && field.optional) return { ok: true, value: '' };
      let parsed: URL;
      try {
        parsed = new URL(trimmed);
      } catch {
        return { ok: false, message: `${name} must be a full URL such as https://example.com; got ${JSON.stringify(value)}.` };
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        return { ok: false, message: `${name} must start with https:// or http://; got ${JSON.stringify(value)}.` };
      }
      return { ok: true, value: trimmed.replace(/\/+$/, '') };
    }
    case 'hotkey':
      if (typeof value === 'string' && isValidHotkey(value.trim())) return { ok: true, value: value.trim() };
      return {
        ok: false,
        message: `${name} must be a shortcut such as CommandOrControl+Shift+4, or empty to disable; got ${JSON.stringify(value)}.`,
      };
    case 'string':
    case 'secret': {
      if (typeof value !== 'string') return { ok: false, message: `${name} must be text.` };
      if (value.length > 4096) return { ok: false, message: `${name} is too long (over 4096 characters).` };
      if (!field.optional && field.kind === 'string' && value.trim() === '') {
        return { ok: false, message: `${name} cannot be empty.` };
      }
      return { ok: true, value };
    }
  }
}

/** Converts command-line or form text to the field's type, then validates it. */
export function parseFieldInput(field: SettingField, text: string): FieldCheck {
  switch (field.kind) {
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(t)) return { ok: true, value: true };
      if (['false', 'no', 'off', '0'].includes(t)) return { ok: true, value: false };
      return { ok: false, message: `${field.label} (${field.key}) must be true or false; got ${JSON.stringify(text)}.` };
    }
    case 'integer': {
      const t = text.trim();
      if (!/^-?\d+$/.test(t)) {
        return { ok: false, message: `${field.label} (${field.key}) must be a whole number ${describeRange(field)}; got ${JSON.stringify(text)}.` };
      }
      return checkFieldValue(field, Number(t));
    }
    default:
      return checkFieldValue(field, text);
  }
}

import type { SettingField, SettingSection } from '../../../shared/settings/fields.js';
import type { SettingValue } from '../../../shared/settings/fields.js';

const DONE_KEY = 'shotput.firstRunDone';

/**
 * What an uploader needs before its first upload, read from its settings description: its
 * address when it has no default (a self-hosted Chevereto), and its first key.
 */
export function setupFields(section: SettingSection | undefined): SettingField[] {
  if (!section) return [];
  const address = section.fields.find((f) => f.kind === 'url' && f.optional && !f.hidden);
  const key = section.fields.find((f) => f.kind === 'secret' && !f.hidden);
  return [address, key].filter((f): f is SettingField => f !== undefined);
}

/** Whether an uploader can upload as things stand (everything setupFields asks for is there). */
export function isReady(section: SettingSection | undefined, values: Record<string, SettingValue>, secrets: Record<string, boolean>): boolean {
  return setupFields(section).every((f) => (f.kind === 'secret' ? secrets[f.key] === true : String(values[f.key] ?? '') !== ''));
}

export const firstRunDismissed = (): boolean => {
  try {
    return localStorage.getItem(DONE_KEY) === '1';
  } catch {
    return false;
  }
};

export const dismissFirstRun = (): void => {
  try {
    localStorage.setItem(DONE_KEY, '1');
  } catch {
    // Without storage the step shows again next time, which is harmless.
  }
};

import type { SettingSection } from '../../../shared/settings/fields.js';
import type { SettingsService } from '../settings/service.js';
import { settingKey } from './common.js';
import type { UploaderRegistry } from './registry.js';
import type { UploaderConfig, UploaderDescriptor } from './types.js';

/**
 * An uploader's view of the settings: its own fields by their short name (`baseUrl` for
 * `uploaders.imge.baseUrl`), one-run overrides (`--set`) included. The queue builds one per job.
 */
export function uploaderConfig(settings: SettingsService, id: string): UploaderConfig {
  return {
    get: (field) => settings.get(settingKey(id, field)),
    getSecret: (field) => settings.getSecret(settingKey(id, field)),
    async setSecret(field, value) {
      if (value === undefined || value === '') await settings.reset(settingKey(id, field));
      else await settings.set(settingKey(id, field), value);
    },
    set: (field, value) => settings.set(settingKey(id, field), value),
  };
}

/** The Settings view's section for one uploader. */
export function uploaderSection(descriptor: UploaderDescriptor): SettingSection {
  return { id: `uploaders.${descriptor.id}`, title: descriptor.label, fields: descriptor.settings };
}

/**
 * Keeps the settings in step with the registry: a section per uploader, and `defaultUploader`
 * offering exactly the registered ids. `general` is the section holding defaultUploader.
 */
export function followRegistry(settings: SettingsService, registry: UploaderRegistry, general: (choices: ReturnType<UploaderRegistry['choices']>) => SettingSection): () => void {
  let shown = new Set(registry.list().map((u) => u.descriptor.id));
  return registry.onChange(() => {
    const now = registry.list();
    for (const id of shown) if (!registry.has(id)) settings.removeSection(`uploaders.${id}`);
    settings.addSections([general(registry.choices()), ...now.map((u) => uploaderSection(u.descriptor))]);
    shown = new Set(now.map((u) => u.descriptor.id));
  });
}

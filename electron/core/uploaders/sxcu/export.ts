/**
 * Any uploader, built-in or imported, as a .sxcu file ShareX can import. Keys stay out of the file
 * unless asked for: .sxcu files get shared, and a key in one is a key given away.
 */
import { ShotputError } from '../../errors.js';
import type { SettingsService } from '../../settings/service.js';
import { BUILT_IN_EXPORTS, builtInSpec, type ExportConfig } from './builtin-export.js';
import { CUSTOM_PREFIX } from '../registry.js';
import { entryValue, secretLabel, withEntryValue, type CustomUploaderStore } from './store.js';
import type { SxcuSpec } from './spec.js';
import { sxcuFileName, writeSxcu } from './write.js';

export interface ExportedSxcu {
  /** A file name for it, such as `IM.GE.sxcu`. */
  fileName: string;
  text: string;
  /** Where a placeholder stands instead of a key: left out, or never set. */
  placeholders: string[];
}

/** Settings under `uploaders.<id>.`, undefined where this build has no such setting. */
export function settingsExportConfig(settings: SettingsService, id: string): ExportConfig {
  const known = (field: string) => settings.keys().includes(`uploaders.${id}.${field}`);
  return {
    get: (field) => (known(field) ? settings.getString(`uploaders.${id}.${field}`) : undefined),
    getSecret: async (field) => (known(field) ? settings.getSecret(`uploaders.${id}.${field}`) : undefined),
  };
}

export async function exportUploader(
  services: { settings: SettingsService; customUploaders: CustomUploaderStore },
  id: string,
  options: { includeSecrets: boolean },
): Promise<ExportedSxcu> {
  let spec: SxcuSpec;
  let placeholders: string[];
  if (id.startsWith(CUSTOM_PREFIX)) {
    const uploader = services.customUploaders.get(id);
    spec = await services.customUploaders.resolvedSpec(uploader);
    const resolved = spec;
    placeholders = uploader.secrets.filter((ref) => !options.includeSecrets || entryValue(resolved, ref) === '').map(secretLabel);
    if (!options.includeSecrets) for (const ref of uploader.secrets) spec = withEntryValue(spec, ref, `<your ${ref.name}>`);
  } else if (Object.hasOwn(BUILT_IN_EXPORTS, id)) {
    ({ spec, placeholders } = await builtInSpec(id, settingsExportConfig(services.settings, id), options));
  } else {
    const known = [...Object.keys(BUILT_IN_EXPORTS), ...services.customUploaders.list().map((u) => u.id)];
    throw new ShotputError('unknown_uploader', `There is no uploader "${id}". Uploaders: ${known.join(', ')}.`);
  }
  return { fileName: sxcuFileName(spec.name), text: writeSxcu(spec), placeholders };
}

import { CUSTOM_PREFIX, type UploaderRegistry } from '../registry.js';
import type { CustomUploaderStore, StoredCustomUploader } from './store.js';
import { createCustomUploader, type CustomUploaderDeps } from './uploader.js';

/**
 * Keeps the registry's `custom:<name>` uploaders in step with the imported files: all of them at
 * start-up, then every import, replacement and removal.
 */
export function registerCustomUploaders(store: CustomUploaderStore, registry: UploaderRegistry, deps: CustomUploaderDeps): () => void {
  const sync = (imported: readonly StoredCustomUploader[]) => {
    const ids = new Set(imported.map((u) => u.id));
    for (const uploader of registry.list()) {
      const id = uploader.descriptor.id;
      if (id.startsWith(CUSTOM_PREFIX) && !ids.has(id)) registry.unregister(id);
    }
    for (const stored of imported) registry.register(createCustomUploader(stored, deps));
  };
  sync(store.list());
  return store.onChange(sync);
}

import type { CustomUploaderSummary, SxcuImportResult } from '../../../shared/sxcu.js';
import { mimeFromName } from '../files/mime.js';
import type { SettingsService } from '../settings/service.js';
import { CUSTOM_PREFIX } from '../uploaders/registry.js';
import { exportUploader } from '../uploaders/sxcu/export.js';
import { describeDestinations } from '../uploaders/sxcu/spec.js';
import type { OpenedSxcuFiles } from '../uploaders/sxcu/opened-files.js';
import { secretLabel, type CustomUploaderStore, type ImportReport, type StoredCustomUploader } from '../uploaders/sxcu/store.js';
import type { UploadsService } from '../uploads/service.js';
import type { HandlerTable } from './table.js';

type SxcuChannel = Extract<keyof HandlerTable, `sxcu.${string}`>;

export interface SxcuHandlerServices {
  settings: SettingsService;
  customUploaders: CustomUploaderStore;
  openedSxcu: OpenedSxcuFiles;
  /** Only to name the uploader a file would go to. */
  uploads: Pick<UploadsService, 'uploaderIdOrDefault' | 'uploaderForType'>;
}

async function summary(services: SxcuHandlerServices, uploader: StoredCustomUploader): Promise<CustomUploaderSummary> {
  return {
    id: uploader.id,
    name: uploader.label,
    kinds: describeDestinations(uploader.spec.destinations),
    secrets: uploader.secrets.map(secretLabel),
    questions: await services.customUploaders.questions(uploader),
    importedAt: uploader.importedAt,
    ...(uploader.source.migratedFrom ? { migratedFrom: uploader.source.migratedFrom } : {}),
  };
}

async function importResult(services: SxcuHandlerServices, report: ImportReport): Promise<SxcuImportResult> {
  return { uploader: await summary(services, report.uploader), warnings: report.warnings, replaced: report.replaced };
}

/** The window's side of custom uploaders: import, list, export (never with keys), remove, questions. */
export function createSxcuHandlers(services: SxcuHandlerServices): Pick<HandlerTable, SxcuChannel> {
  const { customUploaders, openedSxcu } = services;
  return {
    'sxcu.list': () => Promise.all(customUploaders.list().map((u) => summary(services, u))),
    'sxcu.import': async ({ text, fileName, name, replace }) => importResult(services, await customUploaders.import(text, { fileName, name, replace })),
    'sxcu.remove': async ({ id }) => {
      await customUploaders.remove(id);
      return null;
    },
    'sxcu.export': ({ id }) => exportUploader(services, id, { includeSecrets: false }),
    'sxcu.questions': async ({ uploaderId, fileName }) => {
      const { uploads } = services;
      const id = uploaderId !== undefined || fileName === undefined ? uploads.uploaderIdOrDefault(uploaderId) : uploads.uploaderForType(mimeFromName(fileName));
      const uploader = id.startsWith(CUSTOM_PREFIX) ? customUploaders.find(id) : undefined;
      return { uploaderId: id, questions: uploader ? await customUploaders.questions(uploader) : [] };
    },
    'sxcu.pending': () => openedSxcu.list(),
    'sxcu.confirm': async ({ token }) => importResult(services, await openedSxcu.confirm(token)),
    'sxcu.dismiss': ({ token }) => {
      openedSxcu.dismiss(token);
      return null;
    },
  };
}

import type { CustomUploaderSummary, SxcuImportResult } from '../../../shared/sxcu.js';
import type { AppServices } from '../app.js';
import { mimeFromName } from '../files/mime.js';
import { CUSTOM_PREFIX } from '../uploaders/registry.js';
import { exportUploader } from '../uploaders/sxcu/export.js';
import { describeDestinations } from '../uploaders/sxcu/spec.js';
import { secretLabel, type ImportReport, type StoredCustomUploader } from '../uploaders/sxcu/store.js';
import type { HandlerTable } from './handlers.js';

type SxcuChannel = Extract<keyof HandlerTable, `sxcu.${string}`>;

async function summary(services: AppServices, uploader: StoredCustomUploader): Promise<CustomUploaderSummary> {
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

async function importResult(services: AppServices, report: ImportReport): Promise<SxcuImportResult> {
  return { uploader: await summary(services, report.uploader), warnings: report.warnings, replaced: report.replaced };
}

/** The window's side of custom uploaders: import, list, export (never with keys), remove, questions. */
export function createSxcuHandlers(services: AppServices): Pick<HandlerTable, SxcuChannel> {
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

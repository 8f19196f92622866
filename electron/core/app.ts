import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract.js';
import type { SettingSection } from '../../shared/settings/fields.js';
import { CoreEvents } from './events.js';
import { openProfileHistory } from './history/index.js';
import type { HistoryService } from './history/service.js';
import { silentLogger, type Logger } from './logger.js';
import { secureProfile } from './profile.js';
import { pipelineSection } from './pipeline/settings.js';
import { captureSection } from './capture/settings.js';
import { createCaptureService, type CaptureHost } from './capture/index.js';
import type { CaptureService } from './capture/service.js';
import { headlessPlatform, type CorePlatform } from './platform.js';
import { DEFAULT_BACKOFF } from './queue/backoff.js';
import { JobStore } from './queue/job-store.js';
import type { FilePreparer } from './queue/prepare.js';
import type { SecretVault } from './secrets/vault.js';
import { coreSections, generalSection } from './settings/schema.js';
import { SettingsService } from './settings/service.js';
import type { KeyValueStore } from './settings/store.js';
import { builtInUploaders } from './uploaders/built-in.js';
import { followRegistry, uploaderSection } from './uploaders/config.js';
import { createUploadContext } from './uploaders/context.js';
import { fetchWithTimeouts } from './uploaders/http/timeouts.js';
import { ImgurConnection } from './uploaders/imgur/connection.js';
import { RateLimitTracker } from './uploaders/rate-limits.js';
import { UploaderRegistry } from './uploaders/registry.js';
import { systemNamePatternEnv } from './uploaders/sxcu/env.js';
import { OpenedSxcuFiles } from './uploaders/sxcu/opened-files.js';
import { registerCustomUploaders } from './uploaders/sxcu/registration.js';
import { CustomUploaderStore } from './uploaders/sxcu/store.js';
import type { UploadContext } from './uploaders/types.js';
import { importRemoteImages, type ImportReport } from './uploads/import.js';
import { afterCaptureSection, afterUploadSection } from './uploads/tasks/settings.js';
import { EditorService, editorSection } from './editor/service.js';
import { recordImageBytes } from './editor/record-image.js';
import { ActionRunner, hotkeysSection } from './actions.js';
import { HotkeyService, WAYLAND_HOTKEY_HINT, type ShortcutRegistrar } from './hotkeys.js';
import { runAfterCapture, uploadCapture, type AfterCaptureReport, type CapturedImage } from './uploads/tasks/after-capture.js';
import { captureModesSection } from './shots/settings.js';
import { pipelinePreparer, pipelineThumbnailMaker } from './uploads/pipeline-adapters.js';
import { UploadsService, type ThumbnailMaker, type UploadsDeps } from './uploads/service.js';
import { listAccountImages } from './uploaders/imgur/account-images.js';

export interface CoreDeps {
  profileDir: string;
  store: KeyValueStore;
  vault: SecretVault;
  info: AppInfo;
  logger?: Logger;
  /** Extra settings sections (tests, platform-specific options). */
  sections?: SettingSection[];
  /** How uploaders reach the network; Node's global fetch unless given. */
  fetch?: typeof fetch;
  /** Epoch milliseconds; Date.now unless given. */
  now?: () => number;
  /** Clipboard, browser and notifications: Electron's in the app, headless elsewhere. */
  platform?: CorePlatform;
  /** Turns a queued file into the file to upload; the image pipeline unless given. */
  prepare?: FilePreparer;
  makeThumbnails?: ThumbnailMaker;
  /** Make history thumbnails later (`shotput thumbnails`, or the app's next start), not before an upload counts as done. */
  deferThumbnails?: boolean;
  /** On Linux: $XDG_CURRENT_DESKTOP picks hotkey defaults that do not fight the desktop for PrtSc; Wayland explains failed hotkeys. */
  desktop?: { environment?: string; wayland?: boolean };
  /** Where "save to a folder" puts captures unless the user chose another folder. */
  captureFolder?: string;
  /** The desktop's global shortcuts (the app only). */
  shortcuts?: ShortcutRegistrar;
  /** What runs once an upload is in history (the after-upload task list); copy link + notify unless given. */
  afterUpload?: UploadsDeps['afterUpload'];
  /** What capture needs from the host (environment, Electron's sources); no capture without it. */
  capture?: CaptureHost;
}

export interface AppServices {
  info: AppInfo;
  profileDir: string;
  settings: SettingsService;
  capture: CaptureService;
  vault: SecretVault;
  events: CoreEvents;
  logger: Logger;
  /** Every uploader by id; `.sxcu` imports register `custom:<name>` here. */
  uploaders: UploaderRegistry;
  /** The last rate-limit budget each service announced ("uploads left"). */
  rateLimits: RateLimitTracker;
  fetch: typeof fetch;
  now(): number;
  /** The context one call of uploader `id` runs in: its settings, fetch, the job's signal and progress. */
  uploadContext(id: string, options?: { signal?: AbortSignal; onProgress?(sent: number, total: number): void }): UploadContext;
  history: HistoryService;
  uploads: UploadsService;
  /** Uploaders imported from ShareX .sxcu files. */
  customUploaders: CustomUploaderStore;
  /** .sxcu files opened with Shotput, waiting for the user to confirm. */
  openedSxcu: OpenedSxcuFiles;
  platform: CorePlatform;
  /** Connecting, checking and disconnecting the Imgur account. */
  imgur: ImgurConnection;
  /** The connected Imgur account's existing images into history (only those not there yet). */
  importImgurAccount(): Promise<ImportReport>;
  /** Every user action by id; the app binds what they do (capture, open windows). */
  actions: ActionRunner;
  hotkeys: HotkeyService;
  /** The after-capture task list for a new image (capture, clipboard image). */
  afterCapture(image: CapturedImage): Promise<AfterCaptureReport>;
  /** The annotation editor's ways in; main binds its window. */
  editor: EditorService;
}

/**
 * The composed core. IPC is not part of it: main and the harness each build their dispatcher
 * (core/ipc) over these services where their transport lives.
 */
export interface Core extends AppServices {
  /** Resumes what earlier runs left in the queue and starts uploading (the app and the harness). */
  startUploads(): Promise<void>;
  close(): Promise<void>;
}

/** Composes the Electron-free services. The app, the CLI and the harness each call this once. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const logger = deps.logger ?? silentLogger;
  const madePrivate = await secureProfile(deps.profileDir);
  if (madePrivate > 0) logger.info(`Made ${madePrivate} file(s) and folder(s) of the profile readable by you only.`);
  const events = new CoreEvents();
  const uploaders = new UploaderRegistry(builtInUploaders());
  const settings = new SettingsService({
    store: deps.store,
    vault: deps.vault,
    sections: [
      ...coreSections(uploaders.choices()),
      afterCaptureSection(deps.captureFolder ?? join(deps.profileDir, 'captures')),
      afterUploadSection(),
      editorSection(),
      captureSection(),
      captureModesSection(),
      hotkeysSection(deps.info.platform, deps.desktop?.environment),
      pipelineSection(),
      ...uploaders.list().map((u) => uploaderSection(u.descriptor)),
      ...(deps.sections ?? []),
    ],
    logger,
  });
  await settings.moveSecretsOutOfStore();
  settings.onChange((keys) => events.emit('settings.changed', { keys }));
  followRegistry(settings, uploaders, generalSection);
  const customUploaders = await CustomUploaderStore.open({ path: join(deps.profileDir, 'custom-uploaders.json'), settings, logger });
  const openedSxcu = new OpenedSxcuFiles({ store: customUploaders, onChange: (items) => events.emit('sxcu.pending', { items }) });

  const fetchImpl = fetchWithTimeouts(deps.fetch ?? globalThis.fetch, () => ({
    connectMs: settings.getNumber('network.connectTimeoutSeconds') * 1000,
    idleMs: settings.getNumber('network.idleTimeoutSeconds') * 1000,
    totalMs: settings.getNumber('network.requestTimeoutSeconds') * 1000,
  }));
  const now = deps.now ?? Date.now;
  const rateLimits = new RateLimitTracker({ file: join(deps.profileDir, 'rate-limits.json'), now });
  registerCustomUploaders(customUploaders, uploaders, { env: systemNamePatternEnv(now) });
  const uploadContext: AppServices['uploadContext'] = (id, options) =>
    createUploadContext({ settings, fetch: fetchImpl, now, logger, rateLimits }, id, options);

  const platform = deps.platform ?? headlessPlatform();
  const imgur = new ImgurConnection({
    context: (signal) => uploadContext('imgur', { signal }),
    openExternal: (url) => platform.openExternal(url),
    rateLimits,
    logger,
  });
  imgur.onStatus((status) => events.emit('imgur.status', status));

  const history = await openProfileHistory(deps.profileDir, {
    logger,
    now,
    labelOf: (id) => (uploaders.has(id) ? uploaders.get(id).descriptor.label : id),
  });
  history.onChange((change) => events.emit('history.changed', change));
  const uploads = new UploadsService({
    profileDir: deps.profileDir,
    settings,
    uploaders,
    history,
    contextFor: (uploader, signal, onProgress) => uploadContext(uploader.descriptor.id, { signal, onProgress }),
    platform,
    logger,
    makeThumbnails: deps.makeThumbnails ?? pipelineThumbnailMaker(settings),
    deferThumbnails: deps.deferThumbnails,
    afterUpload: deps.afterUpload,
    queue: {
      store: new JobStore(join(deps.profileDir, 'queue')),
      prepare: deps.prepare ?? pipelinePreparer(settings),
      fetch: fetchImpl,
      now,
      secrets: deps.vault,
      concurrency: () => settings.getNumber('queue.concurrency'),
      backoff: () => ({ ...DEFAULT_BACKOFF, maxAttempts: 1 + settings.getNumber('queue.retries') }),
    },
  });
  uploads.queue.onChange((jobs) => events.emit('queue.changed', { jobs }));
  uploads.queue.onProgress((id, sent, total) => events.emit('queue.progress', { id, sent, total }));

  const actions = new ActionRunner({ platform, logger });
  const hotkeys = new HotkeyService({
    settings,
    registrar: deps.shortcuts,
    platform,
    logger,
    hint: deps.desktop?.wayland ? WAYLAND_HOTKEY_HINT : undefined,
    run: (id) => actions.trigger(id),
  });
  hotkeys.onStatus((status) => events.emit('hotkeys.changed', { status }));

  const capture = createCaptureService(settings, deps.info.platform, deps.capture);
  const runTasks = (image: CapturedImage, withEditor: boolean): Promise<AfterCaptureReport> =>
    runAfterCapture(image, {
      settings,
      platform,
      logger,
      now,
      upload: (name, source) => uploadCapture(uploads, name, source),
      openEditor: withEditor && editor.available ? (captured) => editor.editCapture(captured) : undefined,
    });
  const editor: EditorService = new EditorService({
    settings,
    platform,
    logger,
    afterEdit: (image) => runTasks(image, false),
    records: {
      get: (id) => history.get(id),
      download: (record) => recordImageBytes(record, fetchImpl),
      uploadEdit: (name, pixels, original) => uploads.addImage(name, pixels, original.uploaderId, { editedFrom: original.id }),
    },
  });
  const services: AppServices = {
    info: deps.info,
    profileDir: deps.profileDir,
    settings,
    capture,
    vault: deps.vault,
    events,
    logger,
    uploaders,
    rateLimits,
    fetch: fetchImpl,
    now,
    uploadContext,
    history,
    uploads,
    customUploaders,
    openedSxcu,
    platform,
    imgur,
    importImgurAccount: () => importRemoteImages(history, 'imgur', (page) => listAccountImages(uploadContext('imgur'), { page })),
    actions,
    hotkeys,
    afterCapture: (image) => runTasks(image, true),
    editor,
  };
  let rescan: NodeJS.Timeout | undefined;
  return {
    ...services,
    async startUploads() {
      await uploads.queue.resumeInterrupted();
      uploads.queue.start();
      // Thumbnails command-line uploads left for later.
      void uploads.pendingThumbnails.makeAll().catch((err) => logger.warn(String(err)));
      // Picks up uploads a CLI run left behind when it was killed, while the app keeps running.
      rescan = setInterval(() => void uploads.queue.resumeInterrupted().catch((err) => logger.warn(String(err))), 30_000);
      rescan.unref();
    },
    async close() {
      if (rescan) clearInterval(rescan);
      imgur.cancel();
      capture.close();
      await uploads.queue.stop();
      await history.close();
    },
  };
}

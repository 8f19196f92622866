/**
 * The one IPC contract. Every channel is declared here once, with the schema its payload must
 * pass (checked by the receiving end) and the type its handler resolves to. Preload, the main
 * process registration, the harness bridge and the renderer client are all derived from this
 * object: see ./README.md for how to add a channel.
 */
import { z } from 'zod';
import type { SettingSection, SettingValue } from '../settings/fields.js';
import { MAX_SXCU_CHARS, type CustomUploaderSummary, type ExportedSxcuFile, type PendingSxcu, type SxcuImportResult, type UploadQuestions } from '../sxcu.js';
import { ALBUM_PRIVACY, type AlbumImage, type AlbumInfo, type ImgurStatus, type UploaderInfo } from '../uploaders.js';
import {
  HISTORY_SORT_KEYS,
  HISTORY_STATUSES,
  LINK_FORMATS,
  type HistoryChange,
  type HistoryPage,
  type HistoryPageResult,
  type HistoryRecord,
  type HistorySortKey,
  type HistoryStatus,
  type LinkFormat,
  type LocalFile,
  type QueueJob,
} from '../uploads.js';
import { ACTION_IDS, type HotkeyStatus } from '../actions.js';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './channels.js';

export { isChannelName, isEventName, type ChannelName, type EventName } from './channels.js';

/** A channel: the payload schema, and the result type carried only at the type level. */
export interface Channel<P extends z.ZodType, R> {
  payload: P;
  /** Phantom field: never set at run time. */
  readonly __result?: R;
}

const channel =
  <R>() =>
  <P extends z.ZodType>(payload: P): Channel<P, R> => ({ payload });

/** Main→renderer pushes, with their payload types. */
export interface EventMap {
  'settings.changed': { keys: string[] };
  /** Main asks the window to show a view (the tray's Settings item, for example). */
  'app.navigate': { view: ViewName };
  'queue.changed': { jobs: QueueJob[] };
  /** Bytes handed to the network so far; a few times a second per running upload. */
  'queue.progress': { id: string; sent: number; total: number };
  /** Incremental; also for records written by another process (the CLI), within a second. */
  'history.changed': HistoryChange;
  /** .sxcu files opened with Shotput, waiting for the user to confirm their import. */
  'sxcu.pending': { items: PendingSxcu[] };
  /** The Imgur account connected or not, a connection attempt settled, or "uploads left" changed. */
  'imgur.status': ImgurStatus;
  /** Hotkeys were (re)registered: each action's accelerator and whether it works. */
  'hotkeys.changed': { status: HotkeyStatus[] };
}

export const viewNames = ['history', 'albums', 'queue', 'settings'] as const;
export type ViewName = (typeof viewNames)[number];

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** Which front end runs the core: the app, the Node harness, or the command line. */
  host: 'electron' | 'harness' | 'cli';
}

export interface CaptureStatus {
  /** 'node-screenshots', 'portal', 'command', 'desktop-capturer', or 'none'. */
  source: string;
  label: string;
  reason: string;
}

export interface SettingsSnapshot {
  values: Record<string, SettingValue>;
  /** Secret keys mapped to whether a value is stored. Secret values never cross IPC. */
  secrets: Record<string, boolean>;
}

const settingKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_:.\- ]+$/, 'a setting key is letters, digits and dots, such as queue.concurrency');

/** A file dropped on the window travels as bytes: the renderer never names paths on disk. */
export const MAX_DROPPED_FILE_BYTES = 200 * 1024 * 1024;

const recordId = z.string().min(1).max(100).regex(/^[\w-]+$/, 'an id is letters, digits, - and _');
const uploaderId = z.string().min(1).max(120).regex(/^[\w:.\- ]+$/, 'an uploader id such as imge or custom:my-host');
const remoteId = z.string().min(1).max(100).regex(/^[\w-]+$/, 'an id given by the service: letters, digits, - and _');
const albumId = remoteId;
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
/** Given back with an anonymous album's id: what Imgur manages it by. */
const deleteHash = remoteId.optional();
const uploadOptions = z
  .object({
    title: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    albumId: z.string().max(100).optional(),
    nsfw: z.boolean().optional(),
    /** "Upload with options…": 'never' or one of the host's expirations ('1d', '1w'…), checked against the host in the core. */
    expiration: z.string().min(1).max(10).optional(),
    /** Answers to a custom uploader's questions, by question id. */
    answers: z
      .record(z.string().min(1).max(200), z.string().max(4096))
      .refine((a) => Object.keys(a).length <= 50, 'at most 50 answers')
      .optional(),
  })
  .strict();

export const channels = {
  'app.info': channel<AppInfo>()(z.object({}).strict()),
  /** Puts text the window composed (an album's links, say) on the clipboard. */
  'app.copyText': channel<null>()(z.object({ text: z.string().min(1).max(200_000) }).strict()),
  'settings.describe': channel<SettingSection[]>()(z.object({}).strict()),
  /** Which capture source this machine uses and why, for Settings. */
  'capture.status': channel<CaptureStatus>()(z.object({}).strict()),
  'settings.get': channel<SettingsSnapshot>()(z.object({}).strict()),
  'settings.set': channel<SettingsSnapshot>()(
    z
      .object({
        key: settingKey,
        value: z.union([z.string().max(4096), z.number().finite(), z.boolean()]),
      })
      .strict(),
  ),
  'settings.reset': channel<SettingsSnapshot>()(z.object({ key: settingKey }).strict()),

  'queue.list': channel<QueueJob[]>()(z.object({}).strict()),
  'queue.addData': channel<QueueJob>()(
    z
      .object({
        name: z.string().min(1).max(255),
        data: z
          .instanceof(Uint8Array, { message: 'data must be the file\'s bytes' })
          .refine((d) => d.byteLength > 0, 'the file is empty')
          .refine((d) => d.byteLength <= MAX_DROPPED_FILE_BYTES, 'the file is larger than 200 MB'),
        uploaderId: uploaderId.optional(),
        options: uploadOptions.optional(),
      })
      .strict(),
  ),
  'queue.addUrl': channel<QueueJob>()(
    z.object({ url: z.string().max(2048).url(), uploaderId: uploaderId.optional(), options: uploadOptions.optional() }).strict(),
  ),
  'queue.retry': channel<QueueJob>()(z.object({ id: recordId }).strict()),
  'queue.cancel': channel<QueueJob>()(z.object({ id: recordId }).strict()),
  'queue.discard': channel<null>()(z.object({ id: recordId }).strict()),

  'history.list': channel<HistoryPage>()(
    z
      .object({
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
  ),
  /** One page by keyset cursor; `total` counts every match. */
  'history.page': channel<HistoryPageResult>()(
    z
      .object({
        cursor: z.string().max(500).nullable().optional(),
        limit: z.number().int().min(1).max(500),
        search: z.string().max(200).optional(),
        uploaders: z.array(uploaderId).max(100).optional(),
        status: z.array(z.enum(HISTORY_STATUSES as [HistoryStatus, ...HistoryStatus[]])).max(3).optional(),
        from: epochMs.optional(),
        to: epochMs.optional(),
        sort: z.object({ by: z.enum(HISTORY_SORT_KEYS as [HistorySortKey, ...HistorySortKey[]]), dir: z.enum(['asc', 'desc']) }).strict().optional(),
      })
      .strict(),
  ),
  'history.get': channel<HistoryRecord | null>()(z.object({ id: recordId }).strict()),
  'history.copyLink': channel<{ text: string }>()(
    z.object({ id: recordId, format: z.enum(LINK_FORMATS as [LinkFormat, ...LinkFormat[]]).optional() }).strict(),
  ),
  /**
   * Copies the links of several uploads at once, one per line: `format` for the direct link, or one
   * named link (`link`, from linksOf) as it is. Resolves to the text copied.
   */
  'history.copy': channel<{ text: string; count: number }>()(
    z
      .object({
        ids: z.array(recordId).min(1).max(500),
        format: z.enum(LINK_FORMATS as [LinkFormat, ...LinkFormat[]]).optional(),
        link: z.string().min(1).max(40).regex(/^\w+$/).optional(),
      })
      .strict(),
  ),
  'history.open': channel<null>()(z.object({ id: recordId, which: z.enum(['viewer', 'image', 'deletePage']) }).strict()),
  'history.delete': channel<{ remote: 'deleted' | 'skipped' }>()(z.object({ id: recordId, localOnly: z.boolean().optional() }).strict()),
  /** Brings the connected Imgur account's existing images into history. */
  'history.importImgur': channel<{ imported: number; alreadyThere: number }>()(z.object({}).strict()),
  // history2 (issue 10): the file an upload was made from. Only a record id crosses: main opens
  // the path that record holds, never a path the window names.
  /** The record's file on this computer and whether it is still there; null when there is none. */
  'history.localFile': channel<LocalFile | null>()(z.object({ id: recordId }).strict()),
  /** Opens that file in its default application, or shows it in the file manager. */
  'history.openLocal': channel<null>()(z.object({ id: recordId, how: z.enum(['open', 'showInFolder']) }).strict()),
  /** Opens the entry's image in the editor (answers once the window is open); Enter uploads the edit as a new entry linked to it. */
  'history.edit': channel<null>()(z.object({ id: recordId }).strict()),

  'sxcu.list': channel<CustomUploaderSummary[]>()(z.object({}).strict()),
  'sxcu.import': channel<SxcuImportResult>()(
    z
      .object({
        text: z.string().min(1).max(MAX_SXCU_CHARS),
        fileName: z.string().min(1).max(255).optional(),
        name: z.string().min(1).max(100).optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
  ),
  'sxcu.remove': channel<null>()(z.object({ id: uploaderId }).strict()),
  /** Always without keys: secrets never reach the window (the CLI can include them). */
  'sxcu.export': channel<ExportedSxcuFile>()(z.object({ id: uploaderId }).strict()),
  /** Where an upload goes (the given uploader, else the one for this file name, else the default) and what it asks first. */
  'sxcu.questions': channel<UploadQuestions>()(z.object({ uploaderId: uploaderId.optional(), fileName: z.string().min(1).max(255).optional() }).strict()),
  'sxcu.pending': channel<PendingSxcu[]>()(z.object({}).strict()),
  'sxcu.confirm': channel<SxcuImportResult>()(z.object({ token: z.string().uuid() }).strict()),
  'sxcu.dismiss': channel<null>()(z.object({ token: z.string().uuid() }).strict()),
  'uploaders.list': channel<UploaderInfo[]>()(z.object({}).strict()),
  /** "Test connection": a line for the user, or an error that says what is wrong. */
  'uploaders.verify': channel<{ message: string }>()(z.object({ id: uploaderId }).strict()),

  'imgur.status': channel<ImgurStatus>()(z.object({}).strict()),
  /** Opens Imgur's authorize page; the outcome arrives as an `imgur.status` event. */
  'imgur.connect': channel<{ authorizeUrl: string }>()(z.object({}).strict()),
  'imgur.cancelConnect': channel<ImgurStatus>()(z.object({}).strict()),
  'imgur.disconnect': channel<ImgurStatus>()(z.object({}).strict()),

  'albums.list': channel<AlbumInfo[]>()(z.object({ uploaderId }).strict()),
  'albums.images': channel<AlbumImage[]>()(z.object({ uploaderId, albumId, deleteHash }).strict()),
  'albums.create': channel<AlbumInfo>()(
    z
      .object({
        uploaderId,
        title: z.string().trim().min(1, 'an album needs a title').max(200),
        description: z.string().max(2000).optional(),
        privacy: z.enum(ALBUM_PRIVACY).optional(),
      })
      .strict(),
  ),
  /** `images`: image ids or their links, as the user pasted them. */
  'albums.add': channel<null>()(z.object({ uploaderId, albumId, deleteHash, images: z.array(z.string().min(1).max(2048)).min(1).max(100) }).strict()),
  'albums.remove': channel<null>()(z.object({ uploaderId, albumId, deleteHash, imageIds: z.array(remoteId).min(1).max(100) }).strict()),
  /** Every image of the album, by id, in the new order. */
  'albums.reorder': channel<null>()(z.object({ uploaderId, albumId, deleteHash, imageIds: z.array(remoteId).min(1).max(1000) }).strict()),
  'albums.delete': channel<null>()(z.object({ uploaderId, albumId, deleteHash }).strict()),

  /** Runs a user action (capture region, upload clipboard…) as its hotkey or tray item would. */
  'actions.run': channel<null>()(z.object({ id: z.enum(ACTION_IDS) }).strict()),
  /** Each hotkey's accelerator and whether it is registered, with the reason when it is not. */
  'hotkeys.status': channel<HotkeyStatus[]>()(z.object({}).strict()),
} as const;

export type Channels = typeof channels;
export type PayloadOf<C extends ChannelName> = z.input<Channels[C]['payload']>;
export type ParsedPayloadOf<C extends ChannelName> = z.output<Channels[C]['payload']>;
export type ResultOf<C extends ChannelName> = Channels[C] extends Channel<z.ZodType, infer R> ? R : never;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;

// The names in channels.ts and the entries here (and in EventMap) must be the same sets.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: [Same<keyof typeof channels, ChannelName>, Same<keyof EventMap, EventName>] = [true, true];
void namesMatch;

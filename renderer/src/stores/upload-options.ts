import { create } from 'zustand';
import type { FieldChoice, SettingSection, SettingValue } from '../../../shared/settings/fields.js';
import type { AlbumInfo } from '../../../shared/uploaders.js';
import { call } from '../api/client.js';
import { messageOf } from './messages.js';
import { useQueue, type ChosenUpload } from './queue.js';
import { useUploaders } from './uploaders.js';

/** What the "Upload with options…" dialog holds: one upload's own choices, as the CLI's flags. */
export interface UploadChoice {
  uploaderId: string;
  albumId: string;
  title: string;
  description: string;
  expiration: string;
  nsfw: boolean;
}

export type AlbumList = { status: 'loading' } | { status: 'ready'; albums: AlbumInfo[] } | { status: 'failed'; message: string };

interface UploadOptionsState {
  /** The files waiting for the user's choices; the dialog is open while set. */
  files?: File[];
  /** Why the core refused the choices (an expiration the host does not offer…); the dialog stays open. */
  error?: string;
  busy: boolean;
  /** The chosen uploader's albums, for uploaders that list them (an Imgur account). */
  albums: Record<string, AlbumList>;
  open(files: File[]): void;
  cancel(): void;
  loadAlbums(uploaderId: string): Promise<void>;
  submit(choice: UploadChoice): Promise<void>;
}

const keyOf = (uploaderId: string, field: string) => `uploaders.${uploaderId}.${field}`;

function fieldOf(sections: SettingSection[], key: string) {
  for (const section of sections) {
    const field = section.fields.find((f) => f.key === key);
    if (field) return field;
  }
  return undefined;
}

/** Which choices the uploader takes, from its descriptor (its settings fields and capabilities). */
export function uploaderOffers(uploaderId: string, sections: SettingSection[]) {
  const info = useUploaders.getState().list.find((u) => u.id === uploaderId);
  const expirationField = fieldOf(sections, keyOf(uploaderId, 'expiration'));
  const expirations: FieldChoice[] = expirationField?.choices ?? [{ value: 'never', label: 'Never' }];
  return {
    label: info?.label ?? uploaderId,
    listsAlbums: info?.capabilities.albums === true,
    takesAlbumId: info?.capabilities.albums === true || fieldOf(sections, keyOf(uploaderId, 'albumId')) !== undefined,
    takesNsfw: fieldOf(sections, keyOf(uploaderId, 'nsfw')) !== undefined,
    expirations,
  };
}

/** A person's name for an expiration value, from any uploader's choices ("1 year" for 1y). */
export function expirationLabel(value: string, sections: SettingSection[]): string {
  for (const section of sections) {
    for (const field of section.fields) {
      if (!field.key.endsWith('.expiration')) continue;
      const choice = field.choices?.find((c) => c.value === value);
      if (choice) return choice.label;
    }
  }
  return value;
}

/** The dialog's starting point for an uploader: what Settings says its uploads use. */
export function defaultsFor(uploaderId: string, values: Record<string, SettingValue>, keep?: Partial<UploadChoice>): UploadChoice {
  const text = (field: string) => {
    const value = values[keyOf(uploaderId, field)];
    return typeof value === 'string' ? value : '';
  };
  return {
    uploaderId,
    albumId: text('albumId'),
    title: keep?.title ?? '',
    description: keep?.description ?? '',
    expiration: keep?.expiration ?? (text('expiration') || 'never'),
    nsfw: keep?.nsfw ?? values[keyOf(uploaderId, 'nsfw')] === true,
  };
}

/** The choices as the queue takes them: every option the user set, nothing empty. */
export function chosenUpload(choice: UploadChoice): ChosenUpload {
  const options: ChosenUpload['options'] = { expiration: choice.expiration, nsfw: choice.nsfw };
  if (choice.albumId.trim()) options.albumId = choice.albumId.trim();
  if (choice.title.trim()) options.title = choice.title.trim();
  if (choice.description.trim()) options.description = choice.description.trim();
  return { uploaderId: choice.uploaderId, options };
}

export const useUploadOptions = create<UploadOptionsState>((set, get) => ({
  busy: false,
  albums: {},
  open(files) {
    if (files.length === 0) return;
    // Uploaders' labels and settings may not have loaded yet when a file is dropped right away.
    if (useUploaders.getState().list.length === 0) void useUploaders.getState().load().catch(() => undefined);
    set({ files, error: undefined, busy: false });
  },
  cancel() {
    set({ files: undefined, error: undefined, busy: false });
  },
  async loadAlbums(uploaderId) {
    const known = get().albums[uploaderId];
    if (known && known.status !== 'failed') return;
    set({ albums: { ...get().albums, [uploaderId]: { status: 'loading' } } });
    try {
      const albums = await call('albums.list', { uploaderId });
      set({ albums: { ...get().albums, [uploaderId]: { status: 'ready', albums } } });
    } catch (err) {
      set({ albums: { ...get().albums, [uploaderId]: { status: 'failed', message: messageOf(err) } } });
    }
  },
  async submit(choice) {
    const files = get().files;
    if (!files || get().busy) return;
    set({ busy: true, error: undefined });
    const { queued, optionError } = await useQueue.getState().addFiles(files, chosenUpload(choice));
    // A refused option refuses every file alike: nothing was queued, and the choices stay to be corrected.
    if (optionError && queued === 0) set({ busy: false, error: optionError });
    else set({ files: undefined, busy: false, error: undefined });
  },
}));


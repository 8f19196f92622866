/**
 * The main window's channel and event names, and nothing else: the preload imports this file
 * alone, so it stays a few kilobytes (no validation library in a sandboxed preload). contract.ts
 * gives every name here its payload schema and result type, and does not compile while the two
 * lists disagree.
 */

export const CHANNEL_NAMES = [
  'app.info',
  'app.copyText',
  'settings.describe',
  'capture.status',
  'settings.get',
  'settings.set',
  'settings.reset',
  'queue.list',
  'queue.addData',
  'queue.addUrl',
  'queue.retry',
  'queue.cancel',
  'queue.discard',
  'history.list',
  'history.page',
  'history.get',
  'history.copyLink',
  'history.copy',
  'history.open',
  'history.delete',
  'history.importImgur',
  // history2 (issue 10): a record's own local file, opened or shown in its folder.
  'history.localFile',
  'history.openLocal',
  // The editor's way in from History (editorwire).
  'history.edit',
  'sxcu.list',
  'sxcu.import',
  'sxcu.remove',
  'sxcu.export',
  'sxcu.questions',
  'sxcu.pending',
  'sxcu.confirm',
  'sxcu.dismiss',
  'uploaders.list',
  'uploaders.verify',
  'imgur.status',
  'imgur.connect',
  'imgur.cancelConnect',
  'imgur.disconnect',
  'albums.list',
  'albums.images',
  'albums.create',
  'albums.add',
  'albums.remove',
  'albums.reorder',
  'albums.delete',
  'actions.run',
  'hotkeys.status',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Main→renderer pushes (their payload types are contract.ts's EventMap). */
export const EVENT_NAMES = ['settings.changed', 'app.navigate', 'queue.changed', 'queue.progress', 'history.changed', 'sxcu.pending', 'imgur.status', 'hotkeys.changed'] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

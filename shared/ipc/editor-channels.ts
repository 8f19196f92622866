/** The editor window's channel names: all its preload needs (validation happens in main). */
export const EDITOR_CHANNELS = ['editor.init', 'editor.save', 'editor.copy', 'editor.finish', 'editor.discard', 'editor.rememberStyle'] as const;
export type EditorChannel = (typeof EDITOR_CHANNELS)[number];

export function isEditorChannel(name: unknown): name is EditorChannel {
  return typeof name === 'string' && (EDITOR_CHANNELS as readonly string[]).includes(name);
}

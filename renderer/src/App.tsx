import { useEffect, useRef, useState, type ComponentType, type DragEvent } from 'react';
import type { ViewName } from '../../shared/ipc/contract.js';
import { subscribe } from './api/client.js';
import { OpenedSxcuDialog } from './components/OpenedSxcuDialog.js';
import { QuestionsDialog } from './components/QuestionsDialog.js';
import { Toasts } from './components/Toasts.js';
import { UploadOptionsDialog } from './components/UploadOptionsDialog.js';
import { SidebarAlbums } from './components/SidebarAlbums.js';
import { useCustomUploaders } from './stores/custom-uploaders.js';
import { DEFAULT_FILTERS, useHistory } from './stores/history.js';
import { useNavigation } from './stores/navigation.js';
import { useHotkeys } from './stores/hotkeys.js';
import { useQueue } from './stores/queue.js';
import { useSettings } from './stores/settings.js';
import { useUploaders } from './stores/uploaders.js';
import { useUploadOptions } from './stores/upload-options.js';
import { useTheme } from './theme.js';
import { AlbumsView } from './views/AlbumsView.js';
import { HistoryView } from './views/history/HistoryView.js';
import { QueueView } from './views/QueueView.js';
import { SettingsView } from './views/SettingsView.js';
import { FirstRunView } from './views/FirstRunView.js';
import { firstRunDismissed, isReady } from './stores/first-run.js';

const VIEWS: Array<{ name: ViewName; title: string; component: ComponentType }> = [
  { name: 'history', title: 'History', component: HistoryView },
  { name: 'albums', title: 'Albums', component: AlbumsView },
  { name: 'queue', title: 'Queue', component: QueueView },
  { name: 'settings', title: 'Settings', component: SettingsView },
];

/** True while no built-in uploader can upload without set-up, and the user has not skipped the step. */
function useFirstRun(): boolean {
  const sections = useSettings((s) => s.sections);
  const values = useSettings((s) => s.values);
  const secrets = useSettings((s) => s.secrets);
  const loaded = useSettings((s) => s.load.status === 'ready');
  const uploaders = useUploaders((s) => s.list);
  // A new user: nothing uploaded yet. Someone with a history keeps seeing it, even with keys removed.
  const emptyHistory = useHistory((s) => s.loaded && s.total === 0 && s.filters === DEFAULT_FILTERS);
  if (!loaded || !emptyHistory || uploaders.length === 0 || firstRunDismissed()) return false;
  return !uploaders.filter((u) => u.builtIn).some((u) => isReady(sections.find((s) => s.id === u.settingsSection), values, secrets));
}

export function App() {
  const view = useNavigation((s) => s.view);
  const show = useNavigation((s) => s.show);
  const fetchSettings = useSettings((s) => s.fetch);
  const refreshSettings = useSettings((s) => s.refresh);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const [dragging, setDragging] = useState(false);
  useTheme();

  useEffect(() => {
    void fetchSettings();
    void useQueue.getState().load();
    void useHistory.getState().reload();
    void useUploaders.getState().load().catch(() => undefined);
    void useUploaders.getState().loadImgur().catch(() => undefined);
    const offs = [
      subscribe('settings.changed', () => void refreshSettings()),
      subscribe('app.navigate', ({ view: next }) => show(next)),
      subscribe('queue.changed', ({ jobs }) => useQueue.getState().replace(jobs)),
      subscribe('queue.progress', ({ id, sent, total }) => useQueue.getState().progress(id, sent, total)),
      subscribe('history.changed', (change) => useHistory.getState().applyChange(change)),
      subscribe('sxcu.pending', ({ items }) => useCustomUploaders.getState().setPending(items)),
      subscribe('imgur.status', (status) => useUploaders.getState().setImgur(status)),
      subscribe('hotkeys.changed', ({ status }) => useHotkeys.getState().replace(status)),
    ];
    void useHotkeys.getState().load();
    void useCustomUploaders.getState().load();
    return () => offs.forEach((off) => off());
  }, [fetchSettings, refreshSettings, show]);

  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    // A dropped .sxcu file is a custom uploader to import, not a file to upload.
    const sxcu = files.filter((f) => f.name.toLowerCase().endsWith('.sxcu'));
    const uploads = files.filter((f) => !sxcu.includes(f));
    if (sxcu.length > 0) {
      show('settings');
      void useCustomUploaders.getState().importFiles(sxcu);
    }
    if (uploads.length === 0) return;
    show('queue');
    // Shift+drop asks for this upload's options first (uploader, album, title, expiration…).
    if (e.shiftKey) useUploadOptions.getState().open(uploads);
    else void useQueue.getState().addFiles(uploads);
  };

  // Ctrl/Cmd+V anywhere but a text field uploads the pasted image or files.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      show('queue');
      void useQueue.getState().addFiles(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [show]);

  // Ctrl/Cmd+1..4 jump between views, as in most desktop apps.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const target = VIEWS[Number(e.key) - 1];
      if (target) {
        e.preventDefault();
        show(target.name);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  // Moving focus to the new view's heading tells screen readers the view changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [view]);

  const current = VIEWS.find((v) => v.name === view) ?? VIEWS[0]!;
  const Current = current.component;
  const firstRun = useFirstRun();
  // Once shown, the step stays until the user is done with it (saving the key makes the uploader ready before it is tested).
  const [firstRunState, setFirstRunState] = useState<'unknown' | 'open' | 'closed'>('unknown');
  // Adjusted while rendering (not in an effect), so the step shows in the same frame.
  if (firstRun && firstRunState === 'unknown') setFirstRunState('open');
  const showFirstRun = firstRunState === 'open' && view === 'history';
  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to upload (hold Shift to choose options)
        </div>
      )}
      <nav className="sidebar" aria-label="Sections">
        <p className="brand" aria-hidden="true">
          Shotput
        </p>
        <ul>
          {VIEWS.map((v, i) => (
            <li key={v.name}>
              <button
                type="button"
                className="nav-item"
                aria-current={v.name === view ? 'page' : undefined}
                aria-keyshortcuts={`Control+${i + 1}`}
                onClick={() => show(v.name)}
              >
                {v.title}
              </button>
            </li>
          ))}
        </ul>
        {view === 'history' && <SidebarAlbums />}
      </nav>
      <QuestionsDialog />
      <OpenedSxcuDialog />
      <UploadOptionsDialog />
      <main className="content" aria-labelledby="view-title">
        <h1 id="view-title" ref={heading} tabIndex={-1}>
          {showFirstRun ? 'Set up uploading' : current.title}
        </h1>
        {showFirstRun ? <FirstRunView onDone={() => setFirstRunState('closed')} /> : <Current />}
      </main>
      <Toasts />
    </div>
  );
}

/** The editor window: toolbar, canvas, status line, and the keyboard map of every tool and action. */
import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createDocument, exportSize, parseDocument, serializeDocument } from '../../../shared/editor/document.js';
import type { RgbaImage } from '../../../shared/editor/redaction.js';
import type { Point } from '../../../shared/editor/shapes.js';
import { actualSizeView, fitView, translateShape as move } from '../../../shared/editor/index.js';
import { callEditor } from './api.js';
import { CanvasView } from './CanvasView.js';
import { flatten, redactedCanvas } from './flatten.js';
import { newShapeId, useEditor } from './store.js';
import { Toolbar } from './Toolbar.js';
import { toolForKey } from './tools.js';

export function EditorApp() {
  const [base, setBase] = useState<RgbaImage | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const [textAt, setTextAt] = useState<Point | null>(null);
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight - 96 });
  const marks = useRef<Konva.Layer>(null);
  const area = useRef<HTMLElement>(null);
  const editor = useEditor();
  const { doc, view, status, confirmingDiscard } = editor;

  useEffect(() => {
    void (async () => {
      try {
        const init = await callEditor('editor.init', {});
        performance.mark('editor-init');
        const response = await fetch(init.frame.url);
        if (!response.ok) throw new Error(`The image could not be loaded (${response.status}).`);
        const data = new Uint8ClampedArray(await response.arrayBuffer());
        performance.mark('editor-frame');
        const image = { data, width: init.frame.width, height: init.frame.height };
        const document = init.document ? parseDocument(init.document) : createDocument(image.width, image.height);
        useEditor.getState().start(document, init.style);
        setTitle(init.title);
        setBase(image);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      }
    })();
  }, []);

  useEffect(() => {
    const measure = () => {
      const rect = area.current?.getBoundingClientRect();
      if (rect) setSize({ width: Math.floor(rect.width), height: Math.floor(rect.height) });
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [base]);

  // Opens like any image editor: 100 % when it fits, fitted otherwise.
  const fitted = useRef(false);
  useEffect(() => {
    if (!base || fitted.current || size.width < 10) return;
    fitted.current = true;
    useEditor.getState().setView(fitView(base, size));
    // Ready once the image is on screen: konva draws on the next frame, the compositor on the one after.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        document.body.dataset.ready = 'true';
        document.body.dataset.readyMs = String(Math.round(performance.now()));
      }),
    );
  }, [base, size]);

  const redactionKey = doc.shapes.filter((s) => s.kind === 'blur' || s.kind === 'pixelate' || s.kind === 'redact').map((s) => JSON.stringify(s)).join('|');
  const baseCanvas = useMemo(() => (base ? redactedCanvas(base, doc) : null), [base, redactionKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const result = useCallback(() => {
    if (!baseCanvas || !marks.current) throw new Error('The image is not loaded yet.');
    const started = performance.now();
    const flat = flatten(useEditor.getState().doc, baseCanvas, marks.current);
    document.body.dataset.flattenMs = String(Math.round(performance.now() - started));
    return { ...flat, document: serializeDocument(useEditor.getState().doc) };
  }, [baseCanvas]);

  const run = useCallback(async (what: 'save' | 'copy' | 'finish') => {
    const { setStatus, markSaved } = useEditor.getState();
    try {
      if (what === 'save') {
        const { path } = await callEditor('editor.save', result());
        markSaved();
        setStatus(`Saved ${path}`);
      } else if (what === 'copy') {
        await callEditor('editor.copy', result());
        setStatus('Copied the edited image to the clipboard.');
      } else {
        setStatus('Finishing…');
        const { summary } = await callEditor('editor.finish', result());
        markSaved();
        setStatus(summary);
      }
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  }, [result]);

  const discard = useCallback(() => void callEditor('editor.discard', {}), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      const state = useEditor.getState();
      if (state.confirmingDiscard) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') state[e.shiftKey ? 'redo' : 'undo']();
      else if (mod && key === 'y') state.redo();
      else if (mod && key === 's') void run('save');
      else if (mod && key === 'c') void run('copy');
      else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) void run('finish');
      else if (e.key === 'Escape') {
        if (state.selected.length > 0) state.select([]);
        else if (state.history.dirty) state.setConfirmingDiscard(true);
        else discard();
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (state.selected.length > 0) {
          state.apply({ type: 'remove', ids: state.selected });
          state.select([]);
        }
      } else if (e.key.startsWith('Arrow') && state.selected.length > 0) {
        const step = e.shiftKey ? 10 : 1;
        const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
        const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
        state.apply(...state.doc.shapes.filter((s) => state.selected.includes(s.id)).map((s) => ({ type: 'update' as const, shape: move(s, dx, dy) })));
      } else if (!mod && !e.altKey && (key === '0' || key === '1')) {
        if (!base) return;
        state.setView(key === '0' ? fitView(base, size, true) : actualSizeView(base, size));
      } else if (!mod && !e.altKey && e.key.length === 1) {
        const tool = toolForKey(e.key);
        if (!tool) return;
        state.setTool(tool);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, discard, base, size]);

  const commitText = (text: string) => {
    const at = textAt;
    setTextAt(null);
    if (!at || text.trim() === '') return;
    const { style, apply } = useEditor.getState();
    apply({ type: 'add', shape: { id: newShapeId(), kind: 'text', x: Math.round(at.x), y: Math.round(at.y), text, style, background: style.fill } });
  };

  if (error) return <p role="alert" className="editor-error">{error}</p>;
  const out = exportSize(doc);
  const hasReversible = doc.shapes.some((s) => s.kind === 'blur' || s.kind === 'pixelate');

  return (
    <div className="editor">
      <header>
        <h1 className="visually-hidden">Edit {title}</h1>
        <Toolbar onSave={() => void run('save')} onCopy={() => void run('copy')} onFinish={() => void run('finish')} onFit={() => base && editor.setView(fitView(base, size, true))} onActualSize={() => base && editor.setView(actualSizeView(base, size))} />
      </header>
      <main className="editor-canvas" ref={area}>
        {base && <CanvasView base={baseCanvas} width={size.width} height={size.height} marksLayer={marks} onTextAt={setTextAt} />}
        {textAt && <TextEntry at={textAt} onDone={commitText} />}
      </main>
      <footer className="editor-status">
        <span>
          {out.width} × {out.height}
        </span>
        <span>{Math.round(view.zoom * 100)} %</span>
        {hasReversible && <span className="editor-warning">Blur and pixelate can sometimes be reversed (text can be recovered from them); use Redact (D) for what must stay private.</span>}
        <span role="status" aria-live="polite">
          {status}
        </span>
      </footer>
      {confirmingDiscard && <DiscardDialog onKeep={() => editor.setConfirmingDiscard(false)} onDiscard={discard} />}
    </div>
  );
}

function TextEntry({ at, onDone }: { at: Point; onDone(text: string): void }) {
  const { view, style } = useEditor();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <textarea
      ref={ref}
      aria-label="Text to add (Enter adds it, Shift+Enter starts a new line, Esc cancels)"
      className="editor-text-entry"
      style={{ left: at.x * view.zoom + view.panX, top: at.y * view.zoom + view.panY, fontSize: style.fontSize * view.zoom, color: style.color }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          onDone(e.currentTarget.value);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onDone('');
        }
        e.stopPropagation();
      }}
      onBlur={(e) => onDone(e.currentTarget.value)}
    />
  );
}

function DiscardDialog({ onKeep, onDiscard }: { onKeep(): void; onDiscard(): void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="editor-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="discard-title" aria-describedby="discard-text" className="editor-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onKeep(); } }}>
        <h2 id="discard-title">Discard your changes?</h2>
        <p id="discard-text">The marks on this image will be lost.</p>
        <div className="editor-dialog-actions">
          <button ref={keep} type="button" onClick={onKeep}>Keep editing</button>
          <button type="button" className="danger" onClick={onDiscard}>Discard</button>
        </div>
      </div>
    </div>
  );
}

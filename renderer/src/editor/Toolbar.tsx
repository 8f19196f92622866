/** Tools with their keys, the style the next shape gets (remembered), zoom and the result's actions. */
import { callEditor } from './api.js';
import { useEditor } from './store.js';
import { TOOLS } from './tools.js';

const STROKES = [2, 4, 6, 8, 12];
const FONT_SIZES = [14, 18, 24, 32, 48, 64];

interface Props {
  onSave(): void;
  onCopy(): void;
  onFinish(): void;
  onFit(): void;
  onActualSize(): void;
}

export function Toolbar({ onSave, onCopy, onFinish, onFit, onActualSize }: Props) {
  const { tool, style, setTool, setStyle, undo, redo, history } = useEditor();
  const remember = (patch: Partial<typeof style>) => {
    setStyle(patch);
    void callEditor('editor.rememberStyle', { style: { ...style, ...patch } }).catch(() => undefined);
  };
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor tools">
      <div className="editor-tools" role="group" aria-label="Tools">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            className="editor-tool"
            aria-pressed={tool === t.id}
            aria-label={`${t.label} (${t.key})`}
            aria-keyshortcuts={t.key}
            title={`${t.label} (${t.key})`}
            onClick={() => setTool(t.id)}
          >
            <span aria-hidden="true">{t.glyph}</span>
          </button>
        ))}
      </div>
      <div className="editor-style" role="group" aria-label="Style">
        <label>
          Colour <input type="color" value={style.color} onChange={(e) => remember({ color: e.target.value })} />
        </label>
        <label>
          Width
          <select value={style.strokeWidth} onChange={(e) => remember({ strokeWidth: Number(e.target.value) })}>
            {STROKES.map((w) => (
              <option key={w} value={w}>
                {w} px
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={style.fill !== null} onChange={(e) => remember({ fill: e.target.checked ? '#ffffff' : null })} /> Fill
        </label>
        {style.fill !== null && (
          <label>
            Fill colour <input type="color" value={style.fill} onChange={(e) => remember({ fill: e.target.value })} />
          </label>
        )}
        <label>
          Text size
          <select value={style.fontSize} onChange={(e) => remember({ fontSize: Number(e.target.value) })}>
            {FONT_SIZES.map((s) => (
              <option key={s} value={s}>
                {s} px
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="editor-actions" role="group" aria-label="Actions">
        <button type="button" onClick={undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" onClick={onFit} aria-keyshortcuts="0" title="Fit to window (0)">
          Fit
        </button>
        <button type="button" onClick={onActualSize} aria-keyshortcuts="1" title="Actual size (1)">
          100 %
        </button>
        <button type="button" onClick={onCopy} aria-keyshortcuts="Control+C" title="Copy the result (Ctrl+C)">
          Copy
        </button>
        <button type="button" onClick={onSave} aria-keyshortcuts="Control+S" title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" className="primary" onClick={onFinish} aria-keyshortcuts="Enter" title="Done: run the after-capture tasks (Enter)">
          Done
        </button>
      </div>
    </div>
  );
}

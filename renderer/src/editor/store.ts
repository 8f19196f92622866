/** The editor's state: the document and its undo history, the tool, the style, the selection and the view. */
import { create } from 'zustand';
import { EditHistory, createDocument, type Edit, type EditorDocument } from '../../../shared/editor/document.js';
import { DEFAULT_EDITOR_STYLE, type Shape, type ShapeStyle } from '../../../shared/editor/shapes.js';
import type { View } from '../../../shared/editor/view.js';
import type { Tool } from './tools.js';

export interface EditorState {
  history: EditHistory;
  doc: EditorDocument;
  tool: Tool;
  style: ShapeStyle;
  selected: string[];
  view: View;
  /** A status line for the user ("Saved …", errors). */
  status: string;
  confirmingDiscard: boolean;
  start(doc: EditorDocument, style: ShapeStyle): void;
  apply(...edits: Edit[]): void;
  undo(): void;
  redo(): void;
  setTool(tool: Tool): void;
  setStyle(patch: Partial<ShapeStyle>): void;
  select(ids: string[]): void;
  setView(view: View): void;
  setStatus(status: string): void;
  setConfirmingDiscard(on: boolean): void;
  markSaved(): void;
}

let counter = 0;
export const newShapeId = (): string => `s${Date.now().toString(36)}${(counter++).toString(36)}`;

export const useEditor = create<EditorState>((set, get) => {
  const initial = new EditHistory(createDocument(1, 1));
  const refresh = () => set({ doc: get().history.document });
  return {
    history: initial,
    doc: initial.document,
    tool: 'rect',
    style: DEFAULT_EDITOR_STYLE,
    selected: [],
    view: { zoom: 1, panX: 0, panY: 0 },
    status: '',
    confirmingDiscard: false,
    start(doc, style) {
      const history = new EditHistory(doc);
      set({ history, doc, style, selected: [] });
    },
    apply(...edits) {
      get().history.apply(...edits);
      refresh();
    },
    undo() {
      get().history.undo();
      set({ selected: [] });
      refresh();
    },
    redo() {
      get().history.redo();
      set({ selected: [] });
      refresh();
    },
    setTool(tool) {
      set({ tool, selected: tool === 'select' ? get().selected : [] });
    },
    setStyle(patch) {
      const style = { ...get().style, ...patch };
      set({ style });
      // A style change also restyles what is selected, as one undoable step.
      const targets = get().doc.shapes.filter((s) => get().selected.includes(s.id));
      if (targets.length > 0) get().apply(...targets.map((shape): Edit => ({ type: 'update', shape: { ...shape, style: { ...shape.style, ...patch } } as Shape })));
    },
    select(ids) {
      set({ selected: ids });
    },
    setView(view) {
      set({ view });
    },
    setStatus(status) {
      set({ status });
    },
    setConfirmingDiscard(on) {
      set({ confirmingDiscard: on });
    },
    markSaved() {
      get().history.markSaved();
      refresh();
    },
  };
});

/** The editor's tools, each with its key, as the toolbar and the keyboard both list them. */
import type { ShapeKind } from '../../../shared/editor/shapes.js';

export type Tool = 'select' | 'crop' | ShapeKind;

export interface ToolInfo {
  id: Tool;
  label: string;
  key: string;
  /** A short glyph for the toolbar button; the label is its accessible name. */
  glyph: string;
}

export const TOOLS: readonly ToolInfo[] = [
  { id: 'select', label: 'Select, move and resize', key: 'V', glyph: '⬚' },
  { id: 'rect', label: 'Rectangle', key: 'R', glyph: '▭' },
  { id: 'ellipse', label: 'Ellipse', key: 'E', glyph: '◯' },
  { id: 'line', label: 'Line', key: 'L', glyph: '╱' },
  { id: 'arrow', label: 'Arrow', key: 'A', glyph: '↗' },
  { id: 'pen', label: 'Pen', key: 'P', glyph: '✎' },
  { id: 'highlighter', label: 'Highlighter', key: 'H', glyph: '▬' },
  { id: 'text', label: 'Text', key: 'T', glyph: 'T' },
  { id: 'step', label: 'Step number', key: 'N', glyph: '①' },
  { id: 'blur', label: 'Blur', key: 'B', glyph: '◌' },
  { id: 'pixelate', label: 'Pixelate', key: 'X', glyph: '▦' },
  { id: 'redact', label: 'Redact (solid)', key: 'D', glyph: '■' },
  { id: 'crop', label: 'Crop', key: 'C', glyph: '✂' },
];

export function toolForKey(key: string): Tool | undefined {
  return TOOLS.find((t) => t.key === key.toUpperCase())?.id;
}

/** Tools drawn by dragging a box. */
export function isBoxTool(tool: Tool): tool is 'rect' | 'ellipse' | 'blur' | 'pixelate' | 'redact' | 'crop' {
  return tool === 'rect' || tool === 'ellipse' || tool === 'blur' || tool === 'pixelate' || tool === 'redact' || tool === 'crop';
}

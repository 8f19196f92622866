import { describe, expect, it } from 'vitest';
import { EditHistory, applyEdit, createDocument, exportSize, parseDocument, serializeDocument, stepNumber, type EditorDocument } from '../../../shared/editor/document.js';
import { shapeBounds, translateShape, type Shape, type ShapeStyle } from '../../../shared/editor/shapes.js';
import { constrainAngle, constrainSquare, fitView, imageToView, viewToImage, zoomAt } from '../../../shared/editor/view.js';

const style: ShapeStyle = { color: '#e11d48', strokeWidth: 4, fill: null, fontSize: 20 };
const rect = (id: string, x = 10, y = 20): Shape => ({ id, kind: 'rect', x, y, width: 30, height: 40, style });
const step = (id: string): Shape => ({ id, kind: 'step', x: 5, y: 5, style });

describe('editor document', () => {
  it('adds, updates and removes shapes without changing the earlier document', () => {
    const empty = createDocument(800, 600);
    const one = applyEdit(empty, { type: 'add', shape: rect('a') });
    const moved = applyEdit(one, { type: 'update', shape: translateShape(one.shapes[0]!, 5, -5) });
    const gone = applyEdit(moved, { type: 'remove', ids: ['a'] });
    expect(empty.shapes).toHaveLength(0);
    expect(one.shapes[0]).toMatchObject({ x: 10, y: 20 });
    expect(moved.shapes[0]).toMatchObject({ x: 15, y: 15 });
    expect(gone.shapes).toHaveLength(0);
  });

  it('refuses an image size that is not a positive whole number', () => {
    expect(() => createDocument(0, 10)).toThrow(/positive whole image size/);
    expect(() => createDocument(10.5, 10)).toThrow(/10.5×10/);
  });

  it('exports at the crop size, with the crop kept inside the image and in whole pixels', () => {
    const doc = applyEdit(createDocument(800, 600), { type: 'crop', rect: { x: 700.4, y: -20, width: 300, height: 100.6 } });
    expect(doc.crop).toEqual({ x: 700, y: 0, width: 100, height: 81 });
    expect(exportSize(doc)).toEqual({ width: 100, height: 81 });
    expect(exportSize(applyEdit(doc, { type: 'crop', rect: null }))).toEqual({ width: 800, height: 600 });
  });

  it('numbers step badges by their order, renumbering when one is removed', () => {
    let doc: EditorDocument = createDocument(100, 100);
    for (const id of ['s1', 'r', 's2', 's3']) doc = applyEdit(doc, { type: 'add', shape: id === 'r' ? rect(id) : step(id) });
    expect(['s1', 's2', 's3'].map((id) => stepNumber(doc, id))).toEqual([1, 2, 3]);
    doc = applyEdit(doc, { type: 'remove', ids: ['s1'] });
    expect(['s2', 's3'].map((id) => stepNumber(doc, id))).toEqual([1, 2]);
  });

  it('undoes and redoes each edit, and a new edit clears what could be redone', () => {
    const history = new EditHistory(createDocument(100, 100));
    expect(history.dirty).toBe(false);
    history.apply({ type: 'add', shape: rect('a') });
    history.apply({ type: 'add', shape: rect('b') });
    expect(history.document.shapes.map((s) => s.id)).toEqual(['a', 'b']);
    history.undo();
    expect(history.document.shapes.map((s) => s.id)).toEqual(['a']);
    history.redo();
    expect(history.document.shapes.map((s) => s.id)).toEqual(['a', 'b']);
    history.undo();
    history.apply({ type: 'add', shape: rect('c') });
    expect(history.canRedo).toBe(false);
    expect(history.document.shapes.map((s) => s.id)).toEqual(['a', 'c']);
    history.undo();
    history.undo();
    expect(history.canUndo).toBe(false);
    expect(history.document.shapes).toHaveLength(0);
    expect(history.dirty).toBe(false);
  });

  it('round-trips through its serialized form and refuses what is not a document', () => {
    const doc = applyEdit(applyEdit(createDocument(640, 480), { type: 'add', shape: rect('a') }), { type: 'crop', rect: { x: 1, y: 2, width: 3, height: 4 } });
    expect(parseDocument(serializeDocument(doc))).toEqual(doc);
    expect(() => parseDocument('{')).toThrow(/not valid JSON/);
    expect(() => parseDocument('{"version":9}')).toThrow(/version 1/);
    expect(() => parseDocument(JSON.stringify({ ...doc, shapes: [{ id: 'x', kind: 'star' }] }))).toThrow(/shape 1/);
  });

  it('bounds shapes including half their stroke', () => {
    expect(shapeBounds(rect('a'))).toEqual({ x: 8, y: 18, width: 34, height: 44 });
    expect(shapeBounds({ id: 'l', kind: 'arrow', from: { x: 50, y: 10 }, to: { x: 10, y: 30 }, style })).toEqual({ x: 8, y: 8, width: 44, height: 24 });
  });
});

describe('editor view', () => {
  it('opens an image that fits at 100 %, centred; a larger one is fitted', () => {
    expect(fitView({ width: 400, height: 300 }, { width: 1000, height: 800 })).toEqual({ zoom: 1, panX: 300, panY: 250 });
    const big = fitView({ width: 3840, height: 2160 }, { width: 1920, height: 1000 });
    expect(big.zoom).toBeCloseTo(1000 / 2160);
  });

  it('maps screen points to image pixels and back under zoom and pan', () => {
    const view = { zoom: 2.5, panX: 40, panY: -10 };
    const p = viewToImage({ x: 290, y: 240 }, view);
    expect(p).toEqual({ x: 100, y: 100 });
    expect(imageToView(p, view)).toEqual({ x: 290, y: 240 });
  });

  it('zooms about the pointer: the image pixel under it stays under it', () => {
    const view = { zoom: 1, panX: 0, panY: 0 };
    const anchor = { x: 300, y: 200 };
    const zoomed = zoomAt(view, 4, anchor);
    expect(viewToImage(anchor, zoomed)).toEqual(viewToImage(anchor, view));
    expect(zoomed.zoom).toBe(4);
  });

  it('constrains boxes to squares and lines to 45° steps with Shift', () => {
    expect(constrainSquare({ x: 10, y: 10 }, { x: 40, y: -5 })).toEqual({ x: 40, y: -20 });
    expect(constrainAngle({ x: 0, y: 0 }, { x: 100, y: 8 })).toEqual({ x: expect.closeTo(100.32, 1), y: 0 });
    const diag = constrainAngle({ x: 0, y: 0 }, { x: 50, y: 58 });
    expect(diag.x).toBeCloseTo(diag.y, 6);
  });
});

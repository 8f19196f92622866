/**
 * The drawing surface: the base image (with redactions applied to its pixels), the marks layer and
 * a layer for selection and crop handles. Pointer input is turned into image-pixel coordinates
 * once, here, and into document edits.
 */
import type Konva from 'konva';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Image as KImage, Layer, Rect, Stage, Transformer } from 'react-konva';
import { stepNumber } from '../../../shared/editor/document.js';
import { normalizeRect, translateShape, type BoxShape, type Point, type RedactionShape, type Shape } from '../../../shared/editor/shapes.js';
import { constrainAngle, constrainSquare, viewToImage, zoomAt } from '../../../shared/editor/view.js';
import { ShapeNode } from './ShapeNode.js';
import { newShapeId, useEditor } from './store.js';
import { isBoxTool } from './tools.js';

interface Props {
  /** The base image with redactions applied, as a canvas konva can draw. */
  base: HTMLCanvasElement | null;
  width: number;
  height: number;
  marksLayer: RefObject<Konva.Layer | null>;
  onTextAt(point: Point): void;
}

type Draft = { start: Point; shape: Shape | null; crop: { x: number; y: number; width: number; height: number } | null } | null;

export function CanvasView({ base, width, height, marksLayer, onTextAt }: Props) {
  const { doc, tool, style, selected, view, apply, select, setView } = useEditor();
  const [draft, setDraft] = useState<Draft>(null);
  const [panning, setPanning] = useState<{ from: Point; pan: Point } | null>(null);
  const [spaceDown, setSpaceDown] = useState(false);
  const transformer = useRef<Konva.Transformer>(null);

  useEffect(() => {
    const down = (e: KeyboardEvent) => e.code === 'Space' && !(e.target instanceof HTMLTextAreaElement) && setSpaceDown(true);
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpaceDown(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  // Resize handles for boxes; other shapes are moved only.
  useEffect(() => {
    const tr = transformer.current;
    const layer = marksLayer.current;
    if (!tr || !layer) return;
    const nodes = tool === 'select' ? selected.map((id) => layer.findOne(`#${id}`)).filter((n): n is Konva.Node => !!n) : [];
    const boxes = nodes.filter((n) => isBoxShape(doc.shapes.find((s) => s.id === n.id())));
    tr.nodes(nodes.length === 1 ? boxes : []);
    tr.getLayer()?.batchDraw();
  }, [selected, tool, doc, marksLayer]);

  const toImage = (stage: Konva.Stage | null): Point | null => {
    const p = stage?.getPointerPosition();
    return p ? viewToImage(p, view) : null;
  };

  const onMouseDown = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const stage = e.target.getStage();
    if (e.evt.button === 1 || spaceDown) {
      const p = stage?.getPointerPosition();
      if (p) setPanning({ from: p, pan: { x: view.panX, y: view.panY } });
      return;
    }
    if (e.evt.button !== 0) return;
    const at = toImage(stage);
    if (!at) return;
    if (tool === 'select') {
      if (e.target === stage || e.target.getLayer() !== marksLayer.current) select([]);
      return;
    }
    if (tool === 'step') {
      apply({ type: 'add', shape: { id: newShapeId(), kind: 'step', x: Math.round(at.x), y: Math.round(at.y), style } });
      return;
    }
    setDraft({ start: at, shape: null, crop: null });
  };

  const onMouseMove = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const stage = e.target.getStage();
    if (panning) {
      const p = stage?.getPointerPosition();
      if (p) setView({ ...view, panX: panning.pan.x + p.x - panning.from.x, panY: panning.pan.y + p.y - panning.from.y });
      return;
    }
    if (!draft) return;
    let at = toImage(stage);
    if (!at) return;
    const shift = e.evt.shiftKey;
    if (tool === 'crop') {
      setDraft({ ...draft, crop: normalizeRect(draft.start, shift ? constrainSquare(draft.start, at) : at) });
      return;
    }
    if (isBoxTool(tool)) {
      if (shift) at = constrainSquare(draft.start, at);
      const box = normalizeRect(draft.start, at);
      const snapped = tool === 'redact' || tool === 'blur' || tool === 'pixelate' ? outwardToPixels(box) : box;
      setDraft({ ...draft, shape: { id: draft.shape?.id ?? newShapeId(), kind: tool, ...snapped, style } as BoxShape | RedactionShape });
      return;
    }
    if (tool === 'line' || tool === 'arrow') {
      const to = shift ? constrainAngle(draft.start, at) : at;
      setDraft({ ...draft, shape: { id: draft.shape?.id ?? newShapeId(), kind: tool, from: draft.start, to, style } });
      return;
    }
    if (tool === 'pen' || tool === 'highlighter') {
      const points = draft.shape && 'points' in draft.shape ? draft.shape.points : [draft.start.x, draft.start.y];
      setDraft({ ...draft, shape: { id: draft.shape?.id ?? newShapeId(), kind: tool, points: [...points, at.x, at.y], style } });
    }
  };

  const onMouseUp = () => {
    if (panning) {
      setPanning(null);
      return;
    }
    if (!draft) return;
    // Text opens its entry on release: focus given on press would be taken back by the canvas.
    if (tool === 'text') onTextAt(draft.start);
    else if (tool === 'crop' && draft.crop && draft.crop.width >= 1 && draft.crop.height >= 1) apply({ type: 'crop', rect: draft.crop });
    else if (draft.shape && hasSize(draft.shape)) apply({ type: 'add', shape: draft.shape });
    setDraft(null);
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const p = e.target.getStage()?.getPointerPosition();
    if (!p) return;
    // A trackpad pinch arrives as a wheel event with ctrlKey and small deltas.
    const factor = Math.exp(-e.evt.deltaY * (e.evt.ctrlKey ? 0.01 : 0.0015));
    setView(zoomAt(view, factor, p));
  };

  const onMoved = (id: string, dx: number, dy: number) => {
    const shape = doc.shapes.find((s) => s.id === id);
    if (!shape) return;
    const moved = translateShape(shape, dx, dy);
    apply({ type: 'update', shape: moved.kind === 'redact' || moved.kind === 'blur' || moved.kind === 'pixelate' ? { ...moved, ...outwardToPixels(moved) } : moved });
  };

  const onTransformEnd = (e: Konva.KonvaEventObject<Event>) => {
    const node = e.target;
    const shape = doc.shapes.find((s) => s.id === node.id());
    if (!isBoxShape(shape)) return;
    const sx = node.scaleX();
    const sy = node.scaleY();
    const rect = normalizeRect(
      { x: node.x() + shape.x * sx, y: node.y() + shape.y * sy },
      { x: node.x() + (shape.x + shape.width) * sx, y: node.y() + (shape.y + shape.height) * sy },
    );
    node.setAttrs({ x: 0, y: 0, scaleX: 1, scaleY: 1 });
    const snapped = shape.kind === 'rect' || shape.kind === 'ellipse' ? rect : outwardToPixels(rect);
    apply({ type: 'update', shape: { ...shape, ...snapped } });
  };

  const shownCrop = draft?.crop ?? doc.crop;
  const drawn = useMemo(() => doc.shapes, [doc]);
  const cursor = panning || spaceDown ? 'grabbing' : tool === 'select' ? 'default' : tool === 'text' ? 'text' : 'crosshair';

  return (
    <Stage width={width} height={height} onMouseDown={onMouseDown} onMouseMove={onMouseMove} onMouseUp={onMouseUp} onWheel={onWheel} onContextMenu={(e) => e.evt.preventDefault()} style={{ cursor }}>
      <Layer listening={false}>
        {base && <KImage image={base} x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom} imageSmoothingEnabled={view.zoom < 1} />}
      </Layer>
      <Layer ref={marksLayer} x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom}>
        {drawn.map((shape) => (
          <ShapeNode
            key={shape.id}
            shape={shape}
            stepNumber={stepNumber(doc, shape.id)}
            draggable={tool === 'select'}
            onSelect={(id, additive) => select(additive ? toggle(selected, id) : selected.includes(id) ? selected : [id])}
            onMoved={onMoved}
          />
        ))}
        {draft?.shape && <ShapeNode shape={draft.shape} stepNumber={0} draggable={false} />}
      </Layer>
      <Layer x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom}>
        {draft?.shape && (draft.shape.kind === 'blur' || draft.shape.kind === 'pixelate') && (
          <Rect {...rectOf(draft.shape)} stroke="#7aa2ff" strokeWidth={1 / view.zoom} dash={[4 / view.zoom, 4 / view.zoom]} listening={false} />
        )}
        {tool === 'select' &&
          doc.shapes
            .filter((s) => selected.includes(s.id) && (s.kind === 'blur' || s.kind === 'pixelate'))
            .map((s) => <Rect key={s.id} {...rectOf(s as RedactionShape)} stroke="#7aa2ff" strokeWidth={1 / view.zoom} dash={[4 / view.zoom, 4 / view.zoom]} listening={false} />)}
        {shownCrop && <CropShade crop={shownCrop} image={doc.image} />}
        <Transformer ref={transformer} rotateEnabled={false} ignoreStroke keepRatio={false} onTransformEnd={onTransformEnd} />
      </Layer>
    </Stage>
  );
}

/** Darkens what the crop leaves out, so the kept part stands out. */
function CropShade({ crop, image }: { crop: { x: number; y: number; width: number; height: number }; image: { width: number; height: number } }) {
  const shade = { fill: '#000000', opacity: 0.55, listening: false } as const;
  return (
    <>
      <Rect x={0} y={0} width={image.width} height={crop.y} {...shade} />
      <Rect x={0} y={crop.y + crop.height} width={image.width} height={image.height - crop.y - crop.height} {...shade} />
      <Rect x={0} y={crop.y} width={crop.x} height={crop.height} {...shade} />
      <Rect x={crop.x + crop.width} y={crop.y} width={image.width - crop.x - crop.width} height={crop.height} {...shade} />
    </>
  );
}

function isBoxShape(shape: Shape | undefined): shape is BoxShape | RedactionShape {
  return !!shape && (shape.kind === 'rect' || shape.kind === 'ellipse' || shape.kind === 'blur' || shape.kind === 'pixelate' || shape.kind === 'redact');
}

function rectOf(s: { x: number; y: number; width: number; height: number }) {
  return { x: s.x, y: s.y, width: s.width, height: s.height };
}

/** Redactions cover every pixel they touch: no half-covered pixel keeps part of its original colour. */
function outwardToPixels(r: { x: number; y: number; width: number; height: number }) {
  const x = Math.floor(r.x);
  const y = Math.floor(r.y);
  return { x, y, width: Math.ceil(r.x + r.width) - x, height: Math.ceil(r.y + r.height) - y };
}

function hasSize(shape: Shape): boolean {
  if ('width' in shape) return shape.width >= 1 && shape.height >= 1;
  if (shape.kind === 'line' || shape.kind === 'arrow') return Math.hypot(shape.to.x - shape.from.x, shape.to.y - shape.from.y) >= 2;
  if (shape.kind === 'pen' || shape.kind === 'highlighter') return shape.points.length >= 4;
  return true;
}

function toggle(list: string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

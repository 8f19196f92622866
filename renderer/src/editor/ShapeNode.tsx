/**
 * One shape as konva nodes, in image pixels (the layer carries the zoom, so strokes and text are
 * drawn as vectors at screen resolution and stay sharp at any zoom). The same nodes are cloned at
 * 1:1 for export, so what the editor shows is what is uploaded.
 */
import { Arrow, Circle, Ellipse, Group, Label, Line, Rect, Tag, Text } from 'react-konva';
import { redactColour } from '../../../shared/editor/redaction.js';
import { stepRadius, type Shape } from '../../../shared/editor/shapes.js';

interface Props {
  shape: Shape;
  stepNumber: number;
  draggable: boolean;
  onSelect?(id: string, additive: boolean): void;
  onMoved?(id: string, dx: number, dy: number): void;
}

export function ShapeNode({ shape, stepNumber, draggable, onSelect, onMoved }: Props) {
  return (
    <Group
      id={shape.id}
      name={shape.kind === 'blur' || shape.kind === 'pixelate' ? 'shape effect' : 'shape'}
      draggable={draggable}
      onMouseDown={(e) => {
        if (!draggable) return;
        e.cancelBubble = true;
        onSelect?.(shape.id, e.evt.shiftKey || e.evt.ctrlKey || e.evt.metaKey);
      }}
      onDragEnd={(e) => {
        const node = e.target;
        const dx = node.x();
        const dy = node.y();
        node.position({ x: 0, y: 0 });
        if (dx !== 0 || dy !== 0) onMoved?.(shape.id, dx, dy);
      }}
    >
      <ShapeBody shape={shape} stepNumber={stepNumber} />
    </Group>
  );
}

function ShapeBody({ shape, stepNumber }: { shape: Shape; stepNumber: number }) {
  const { color, strokeWidth, fill, fontSize } = shape.style;
  switch (shape.kind) {
    case 'rect':
      return <Rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} stroke={color} strokeWidth={strokeWidth} fill={fill ?? undefined} />;
    case 'ellipse':
      return (
        <Ellipse
          x={shape.x + shape.width / 2}
          y={shape.y + shape.height / 2}
          radiusX={shape.width / 2}
          radiusY={shape.height / 2}
          stroke={color}
          strokeWidth={strokeWidth}
          fill={fill ?? undefined}
        />
      );
    case 'line':
      return <Line points={[shape.from.x, shape.from.y, shape.to.x, shape.to.y]} stroke={color} strokeWidth={strokeWidth} lineCap="round" />;
    case 'arrow':
      return (
        <Arrow
          points={[shape.from.x, shape.from.y, shape.to.x, shape.to.y]}
          stroke={color}
          fill={color}
          strokeWidth={strokeWidth}
          pointerLength={strokeWidth * 4}
          pointerWidth={strokeWidth * 4}
          lineCap="round"
        />
      );
    case 'pen':
      return <Line points={shape.points} stroke={color} strokeWidth={strokeWidth} lineCap="round" lineJoin="round" tension={0.3} />;
    case 'highlighter':
      return (
        <Line
          points={shape.points}
          stroke={color}
          strokeWidth={strokeWidth * 4}
          opacity={0.4}
          lineCap="round"
          lineJoin="round"
          globalCompositeOperation="multiply"
        />
      );
    case 'text':
      return (
        <Label x={shape.x} y={shape.y}>
          <Tag fill={shape.background ?? undefined} cornerRadius={3} />
          <Text text={shape.text} fontSize={fontSize} fill={color} padding={shape.background ? Math.round(fontSize / 4) : 0} fontFamily="system-ui, sans-serif" />
        </Label>
      );
    case 'step': {
      const r = stepRadius(shape.style);
      return (
        <Group x={shape.x} y={shape.y}>
          <Circle radius={r} fill={color} />
          <Text
            text={String(stepNumber)}
            fontSize={Math.round(r * 1.1)}
            fontStyle="bold"
            fill="#ffffff"
            width={2 * r}
            height={2 * r}
            offsetX={r}
            offsetY={r}
            align="center"
            verticalAlign="middle"
            fontFamily="system-ui, sans-serif"
          />
        </Group>
      );
    }
    case 'redact':
      // Drawn in order, so it also covers marks beneath it; its pixels were filled in the base too.
      return <Rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill={redactColour(shape)} />;
    case 'blur':
    case 'pixelate':
      // Their effect is in the base image's pixels; here only an invisible box to pick and move.
      return <Rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill="#000000" opacity={0.001} />;
  }
}

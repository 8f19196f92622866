import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { HistoryRecord } from '../../../../shared/uploads.js';
import { formatBytes, formatTime } from '../../format.js';
import { HISTORY_DRAG_TYPE } from '../../stores/albums.js';
import { useHistory } from '../../stores/history.js';
import { useUploaderLabel } from '../../stores/uploaders.js';
import { RowMenu, type RowMenuAt } from './RowMenu.js';

export type Layout = 'list' | 'grid';

const ROW_HEIGHT = 64;
const TILE_WIDTH = 168;
const TILE_HEIGHT = 176;

const optionId = (index: number) => `upload-option-${index}`;

/** A local thumbnail only: a privileged window never loads remote content. */
export function Thumbnail({ record, size }: { record: HistoryRecord; size: 'square' | 'large' }) {
  const file = size === 'large' ? (record.thumbnails?.large ?? record.thumbnails?.square) : record.thumbnails?.square;
  return file ? (
    <img className={`thumb thumb-${size}`} src={`thumbs/${encodeURIComponent(file)}`} alt="" loading="lazy" decoding="async" draggable={false} />
  ) : (
    <div className={`thumb thumb-${size} thumb-none`} aria-hidden="true" />
  );
}

function statusText(record: HistoryRecord): string | undefined {
  if (record.status === 'failed') return 'Failed';
  if (record.status === 'deleted') return 'Deleted on the host';
  if (record.awaitingModeration) return 'Awaiting moderation';
  return undefined;
}

function RecordSummary({ record, layout }: { record: HistoryRecord; layout: Layout }) {
  const service = useUploaderLabel(record.uploaderId);
  const status = statusText(record);
  return (
    <>
      <Thumbnail record={record} size={layout === 'grid' ? 'large' : 'square'} />
      <span className="upload-main">
        <span className="upload-name">{record.fileName}</span>
        <span className="upload-meta">
          {service} · {formatTime(record.createdAt)}
          {layout === 'list' && record.bytes !== undefined && ` · ${formatBytes(record.bytes)}`}
          {status && <span className={`badge badge-${record.status ?? 'moderation'}`}> · {status}</span>}
          {record.origin === 'import' && ' · imported'}
        </span>
        {layout === 'list' && <span className="upload-link">{record.url}</span>}
      </span>
    </>
  );
}

/**
 * The uploads as a listbox (list or grid of thumbnails). Only the rows in view (and a few more)
 * are in the DOM, whatever the history's size; rows not fetched yet are asked for as they come
 * into view. The keyboard works as in a file manager: arrows, Home/End, Page Up/Down, Shift to
 * extend, Ctrl/⌘ to toggle, Ctrl/⌘+A, Space, Escape.
 */
export function UploadList({ layout, onOpenDetails }: { layout: Layout; onOpenDetails(): void }) {
  const total = useHistory((s) => s.total);
  const focus = useHistory((s) => s.focus);
  const selected = useHistory((s) => s.selected);
  // Re-render when rows arrive.
  useHistory((s) => s.head);
  useHistory((s) => s.tail);
  const { recordAt, select, setFocus, selectAll, clearSelection, ensure, openLocal } = useHistory.getState();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [menu, setMenu] = useState<RowMenuAt | undefined>();
  const closeMenu = useCallback(() => {
    setMenu(undefined);
    scroller.current?.focus();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = layout === 'grid' ? Math.max(1, Math.floor(width / TILE_WIDTH)) : 1;
  const rows = Math.ceil(total / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => (layout === 'grid' ? TILE_HEIGHT : ROW_HEIGHT),
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items.length > 0 ? items[0]!.index * columns : 0;
  const lastIndex = items.length > 0 ? Math.min(total - 1, (items[items.length - 1]!.index + 1) * columns - 1) : 0;

  useEffect(() => {
    virtualizer.measure();
  }, [layout, columns, virtualizer]);

  // Fetch the rows in view that are not loaded yet; runs again as each page arrives.
  const missing = items.some((row) => {
    for (let c = 0; c < columns; c++) {
      const i = row.index * columns + c;
      if (i < total && !recordAt(i)) return true;
    }
    return false;
  });
  useEffect(() => {
    if (missing) void ensure(firstIndex, lastIndex);
  });

  const moveTo = (index: number, e: KeyboardEvent) => {
    const target = Math.max(0, Math.min(total - 1, index));
    if (e.shiftKey) select(target, { shift: true, toggle: e.ctrlKey || e.metaKey });
    else if (e.ctrlKey || e.metaKey) setFocus(target);
    else select(target, {});
    virtualizer.scrollToIndex(Math.floor(target / columns), { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / (layout === 'grid' ? TILE_HEIGHT : ROW_HEIGHT))) * columns;
    const keys: Record<string, number | undefined> = {
      ArrowDown: focus + columns,
      ArrowUp: focus - columns,
      ArrowRight: layout === 'grid' ? focus + 1 : undefined,
      ArrowLeft: layout === 'grid' ? focus - 1 : undefined,
      PageDown: focus + page,
      PageUp: focus - page,
      Home: 0,
      End: total - 1,
    };
    const target = keys[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target, e);
    } else if (e.key === ' ') {
      e.preventDefault();
      select(focus, { toggle: true });
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      selectAll();
    } else if (e.key === 'Escape') {
      clearSelection();
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const record = recordAt(focus);
      const row = document.getElementById(optionId(focus))?.getBoundingClientRect();
      if (record && row) setMenu({ record, x: row.left + 24, y: row.top + row.height / 2 });
    } else if ((e.key === 'o' || e.key === 'O') && (e.ctrlKey || e.metaKey)) {
      // Ctrl/⌘+O opens the focused upload's file, with Shift shows it in its folder.
      e.preventDefault();
      const record = recordAt(focus);
      if (record) void openLocal(record, e.shiftKey ? 'showInFolder' : 'open');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      select(focus, {});
      onOpenDetails();
    }
  };

  const onClick = (index: number) => (e: MouseEvent) => select(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });

  const renderOption = (index: number) => {
    const record = recordAt(index);
    const isSelected = record ? selected.has(record.id) : false;
    return (
      <div
        key={record?.id ?? `pending-${index}`}
        id={optionId(index)}
        role="option"
        aria-selected={isSelected}
        aria-setsize={total}
        aria-posinset={index + 1}
        aria-busy={record ? undefined : true}
        className={`upload upload-${layout}${index === focus ? ' focused' : ''}`}
        onClick={onClick(index)}
        onContextMenu={(e) => {
          if (!record) return;
          e.preventDefault();
          if (!isSelected) select(index, {});
          setMenu({ record, x: e.clientX, y: e.clientY });
        }}
        onDoubleClick={() => {
          select(index, {});
          onOpenDetails();
        }}
        draggable={Boolean(record)}
        onDragStart={(e) => {
          if (!record) return;
          const ids = isSelected ? [...selected] : [record.id];
          e.dataTransfer.setData(HISTORY_DRAG_TYPE, JSON.stringify(ids));
          e.dataTransfer.effectAllowed = 'copy';
        }}
      >
        {record ? <RecordSummary record={record} layout={layout} /> : <span className="upload-pending">Loading…</span>}
      </div>
    );
  };

  return (
    <>
      <div
        ref={scroller}
        className={`upload-scroller upload-scroller-${layout}`}
        role="listbox"
        aria-label="Uploads"
        aria-multiselectable="true"
        aria-activedescendant={total > 0 && focus >= firstIndex && focus <= lastIndex ? optionId(focus) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((row) => (
            <div
              key={row.key}
              role="presentation"
              className={layout === 'grid' ? 'upload-row-grid' : 'upload-row'}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
            >
              {Array.from({ length: columns }, (_, c) => row.index * columns + c)
                .filter((i) => i < total)
                .map(renderOption)}
            </div>
          ))}
        </div>
      </div>
      {menu && <RowMenu at={menu} onClose={closeMenu} />}
    </>
  );
}

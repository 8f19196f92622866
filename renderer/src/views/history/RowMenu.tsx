import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { HistoryRecord } from '../../../../shared/uploads.js';
import { useHistory } from '../../stores/history.js';

export interface RowMenuAt {
  record: HistoryRecord;
  x: number;
  y: number;
}

/**
 * What can be done with one upload, on right-click or the Menu key (Shift+F10) in the list:
 * a menu in the ARIA pattern (arrows, Home/End, Enter, Escape returns to the list).
 */
export function RowMenu({ at, onClose }: { at: RowMenuAt; onClose(): void }) {
  const { record } = at;
  const { openLocal, open, copy } = useHistory.getState();
  const menu = useRef<HTMLUListElement>(null);
  const items: Array<{ label: string; run(): void; disabled?: boolean }> = [
    { label: 'Open file', run: () => void openLocal(record, 'open'), disabled: !record.localPath },
    { label: 'Show in folder', run: () => void openLocal(record, 'showInFolder'), disabled: !record.localPath },
    { label: 'Open viewer page', run: () => void open(record, 'viewer'), disabled: !record.viewerUrl && !record.url },
    { label: 'Copy link', run: () => void copy([record.id], 'url'), disabled: record.awaitingModeration === true },
  ];

  const entries = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
  useEffect(() => {
    entries()[0]?.focus();
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const all = entries();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: all.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <ul ref={menu} className="row-menu" role="menu" aria-label={`Actions for ${record.fileName}`} style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          onClick={() => {
            if (item.disabled) return;
            onClose();
            item.run();
          }}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && !item.disabled) {
              e.preventDefault();
              onClose();
              item.run();
            }
          }}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}

import { EmptyState } from '../components/EmptyState.js';

export function HistoryView() {
  return (
    <EmptyState title="No uploads yet">
      <p>
        Every image you upload appears here with its thumbnail, its link and a delete button. Capture a region with the hotkey,
        drop files on this window or the tray icon, or run <code>shotput upload &lt;file&gt;</code>.
      </p>
    </EmptyState>
  );
}

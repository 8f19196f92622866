import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { useHistory } from '../../stores/history.js';
import { useUploaders } from '../../stores/uploaders.js';
import { DetailsPanel } from './DetailsPanel.js';
import { HistoryToolbar } from './HistoryToolbar.js';
import { SelectionBar } from './SelectionBar.js';
import { UploadList, type Layout } from './UploadList.js';

function ImportButton() {
  const imgurConnected = useUploaders((s) => s.imgur?.connected === true);
  const importing = useHistory((s) => s.importing);
  if (!imgurConnected) return null;
  return (
    <button type="button" className="secondary" disabled={importing} onClick={() => void useHistory.getState().importImgur()}>
      Import from Imgur
    </button>
  );
}

export function HistoryView() {
  const total = useHistory((s) => s.total);
  const loaded = useHistory((s) => s.loaded);
  const filters = useHistory((s) => s.filters);
  const [layout, setLayout] = useState<Layout>('list');
  const details = useRef<HTMLElement>(null);
  const filtered = filters.search.trim() !== '' || filters.uploaders.length > 0 || filters.status.length > 0 || filters.from !== '' || filters.to !== '';

  useEffect(() => {
    if (!useHistory.getState().loaded) void useHistory.getState().reload();
  }, []);

  if (loaded && total === 0 && !filtered) {
    return (
      <EmptyState title="No uploads yet">
        <p>
          Every image you upload appears here with its thumbnail and links. Drop files on this window, choose Add files in the Queue, or run{' '}
          <code>shotput upload &lt;file&gt;</code>.
        </p>
        <ImportButton />
      </EmptyState>
    );
  }
  return (
    <div className="history">
      <HistoryToolbar layout={layout} onLayout={setLayout} />
      <div className="history-status">
        <p role="status" aria-live="polite" aria-label="History status">
          {loaded ? `${total.toLocaleString()} upload${total === 1 ? '' : 's'}${filtered ? ' match' : ''}.` : 'Loading history…'}
        </p>
        <ImportButton />
      </div>
      <SelectionBar />
      <div className="history-body">
        {total === 0 && loaded ? (
          <p className="notice history-none">No upload matches. Change the search or the filters.</p>
        ) : (
          <UploadList layout={layout} onOpenDetails={() => details.current?.focus()} />
        )}
        <DetailsPanel ref={details} />
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { HistoryRecord } from '../../../shared/uploads.js';
import { EmptyState } from '../components/EmptyState.js';
import { formatBytes, formatTime } from '../format.js';
import { useHistory } from '../stores/history.js';
import { useUploaderLabel, useUploaders } from '../stores/uploaders.js';

function Thumbnail({ record }: { record: HistoryRecord }) {
  const file = record.thumbnails?.square;
  // Only local thumbnails: a privileged window never loads remote content.
  return file ? <img className="thumb" src={`thumbs/${encodeURIComponent(file)}`} alt="" /> : <div className="thumb thumb-none" aria-hidden="true" />;
}

function Row({ record }: { record: HistoryRecord }) {
  const { copyLink, open, remove } = useHistory.getState();
  const notice = useHistory((s) => s.notice);
  const [confirming, setConfirming] = useState(false);
  const unsupported = notice?.id === record.id && notice.deleteUnsupported;
  const service = useUploaderLabel(record.uploaderId);
  return (
    <li className="upload" aria-label={record.fileName}>
      <Thumbnail record={record} />
      <div className="upload-main">
        <span className="upload-name">{record.fileName}</span>
        <span className="upload-meta">
          {service} · {formatTime(record.createdAt)}
          {record.origin === 'import' && ' · imported'}
          {record.bytes !== undefined && ` · ${formatBytes(record.bytes)}`}
          {record.width && record.height ? ` · ${record.width}×${record.height}` : ''}
        </span>
        <span className="upload-link">{record.awaitingModeration ? 'Awaiting moderation: no public link yet' : record.url}</span>
      </div>
      <div className="upload-actions">
        {confirming ? (
          <>
            <span>
              Delete {record.fileName} from {service}?
            </span>
            <button type="button" className="danger" onClick={() => void remove(record, false).then(() => setConfirming(false))}>
              Delete
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : unsupported ? (
          <>
            {record.deleteUrl && (
              <button type="button" className="secondary" onClick={() => void open(record, 'deletePage')}>
                Open delete page
              </button>
            )}
            <button type="button" className="secondary" onClick={() => void remove(record, true)}>
              Remove from history only
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void copyLink(record)} aria-label={`Copy link of ${record.fileName}`} disabled={record.awaitingModeration}>
              Copy link
            </button>
            <button type="button" className="secondary" onClick={() => void open(record, 'viewer')} aria-label={`Open ${record.fileName} in the browser`}>
              Open
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`Delete ${record.fileName}`}>
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}

export function HistoryView() {
  const { items, total, loaded, notice, search } = useHistory();
  const load = useHistory((s) => s.load);
  const more = useHistory((s) => s.more);
  const [query, setQuery] = useState(search);
  const imgurConnected = useUploaders((s) => s.imgur?.connected === true);
  const importing = useHistory((s) => s.importing);
  const importButton = imgurConnected && (
    <button type="button" className="secondary" disabled={importing} onClick={() => void useHistory.getState().importImgur()}>
      Import from Imgur
    </button>
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (query !== useHistory.getState().search) void load(query);
    }, 150);
    return () => clearTimeout(timer);
  }, [query, load]);

  if (loaded && total === 0 && !search) {
    return (
      <EmptyState title="No uploads yet">
        <p>
          Every image you upload appears here with its thumbnail, its link and a delete button. Capture a region with the hotkey, drop
          files on this window or the tray icon, or run <code>shotput upload &lt;file&gt;</code>.
        </p>
        {importButton && <p>Or bring in the images already on your Imgur account: {importButton}</p>}
        {notice && <p role="status">{notice.text}</p>}
      </EmptyState>
    );
  }
  return (
    <div className="history">
      <div className="toolbar">
        <label htmlFor="history-search">Search uploads</label>
        <input id="history-search" type="search" value={query} placeholder="File name, link or uploader" onChange={(e) => setQuery(e.currentTarget.value)} />
        {importButton}
      </div>
      <p className={`notice ${notice?.kind ?? ''}`} role="status" aria-live="polite">
        {notice?.text ?? `${total} upload${total === 1 ? '' : 's'}${search ? ` matching “${search}”` : ''}.`}
      </p>
      <ul className="uploads" aria-label="Uploads">
        {items.map((record) => (
          <Row key={record.id} record={record} />
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="secondary" onClick={() => void more()}>
          Show more
        </button>
      )}
    </div>
  );
}

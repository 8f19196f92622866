import { useEffect, useState } from 'react';
import { CopyAs } from '../../components/CopyAs.js';
import { useAlbums } from '../../stores/albums.js';
import { useHistory } from '../../stores/history.js';
import { useUploaders } from '../../stores/uploaders.js';

/** What can be done with the selected uploads at once. */
export function SelectionBar() {
  const count = useHistory((s) => s.selected.size);
  const { selectedRecords, copy, deleteFromHost, removeFromHistory, clearSelection } = useHistory.getState();
  const imgurConnected = useUploaders((s) => s.imgur?.connected === true);
  const albums = useAlbums((s) => s.albums);
  const [confirming, setConfirming] = useState<'host' | 'history' | undefined>();
  const [albumId, setAlbumId] = useState('');

  useEffect(() => {
    if (imgurConnected && !useAlbums.getState().loaded) void useAlbums.getState().load();
  }, [imgurConnected]);
  // A new selection asks its own question: reset while rendering, not in an effect.
  const [askedFor, setAskedFor] = useState(count);
  if (askedFor !== count) {
    setAskedFor(count);
    setConfirming(undefined);
  }

  if (count === 0) return <p className="selection-hint">Select uploads (Shift or Ctrl/⌘ for several) to copy, delete or add them to an album.</p>;
  const what = count === 1 ? 'the selected upload' : `the ${count} selected uploads`;
  const album = albums.find((a) => a.id === albumId) ?? albums[0];
  return (
    <div className="selection-bar" role="region" aria-label="Selected uploads">
      <p className="selection-count">{count === 1 ? '1 selected' : `${count.toLocaleString()} selected`}</p>
      <CopyAs what={what} onCopy={(format) => void copy(selectedRecords().map((r) => r.id), format)} />
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm">
          <span>{confirming === 'host' ? `Delete ${what} from the host? This cannot be undone.` : `Remove ${what} from history? They stay on the host.`}</span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              const records = selectedRecords();
              setConfirming(undefined);
              void (confirming === 'host' ? deleteFromHost(records) : removeFromHistory(records));
            }}
          >
            {confirming === 'host' ? 'Delete from host' : 'Remove'}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
            Keep
          </button>
        </div>
      ) : (
        <div className="selection-actions">
          <button type="button" className="secondary" onClick={() => setConfirming('host')}>
            Delete from host…
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming('history')}>
            Remove from history…
          </button>
          {imgurConnected && albums.length > 0 && (
            <span className="add-to-album">
              <label htmlFor="selection-album" className="visually-hidden">
                Album
              </label>
              <select id="selection-album" value={album?.id ?? ''} onChange={(e) => setAlbumId(e.currentTarget.value)}>
                {albums.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
              </select>
              <button type="button" className="secondary" onClick={() => album && void useAlbums.getState().addRecords(album, selectedRecords())}>
                Add to album
              </button>
            </span>
          )}
          <button type="button" className="secondary" onClick={clearSelection}>
            Clear selection
          </button>
        </div>
      )}
    </div>
  );
}

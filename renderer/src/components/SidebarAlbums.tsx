import { useEffect, useState, type DragEvent } from 'react';
import type { AlbumInfo } from '../../../shared/uploaders.js';
import { HISTORY_DRAG_TYPE, useAlbums } from '../stores/albums.js';
import { useNavigation } from '../stores/navigation.js';
import { useUploaders } from '../stores/uploaders.js';

const carriesUploads = (e: DragEvent) => e.dataTransfer.types.includes(HISTORY_DRAG_TYPE);

/**
 * The connected Imgur account's albums, beside History: drop uploads dragged from the list on one
 * to add them to it, or choose it to open it. The keyboard way is History's "Add to album".
 */
export function SidebarAlbums() {
  const imgurConnected = useUploaders((s) => s.imgur?.connected === true);
  const albums = useAlbums((s) => s.albums);
  const [over, setOver] = useState<string | undefined>();

  useEffect(() => {
    if (imgurConnected && !useAlbums.getState().loaded) void useAlbums.getState().load();
  }, [imgurConnected]);

  if (!imgurConnected || albums.length === 0) return null;
  const openAlbum = (album: AlbumInfo) => {
    useNavigation.getState().show('albums');
    void useAlbums.getState().show(album);
  };
  return (
    <div className="sidebar-albums">
      <p id="sidebar-albums-label" className="sidebar-label">
        Albums
      </p>
      <p id="sidebar-albums-hint" className="visually-hidden">
        Drop uploads from History on an album to add them to it.
      </p>
      <ul aria-labelledby="sidebar-albums-label">
        {albums.map((album) => (
          <li key={album.id}>
            <button
              type="button"
              className={`nav-item album-target${over === album.id ? ' drop-over' : ''}`}
              aria-describedby="sidebar-albums-hint"
              onClick={() => openAlbum(album)}
              onDragEnter={(e) => {
                if (carriesUploads(e)) setOver(album.id);
              }}
              onDragOver={(e) => {
                if (!carriesUploads(e)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
              }}
              onDragLeave={() => setOver((current) => (current === album.id ? undefined : current))}
              onDrop={(e) => {
                setOver(undefined);
                const ids = idsIn(e);
                if (!ids) return;
                e.preventDefault();
                void useAlbums.getState().addHistoryIds(album, ids);
              }}
            >
              {album.title}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The history ids a drag from History carries; anything else is not ours to take. */
function idsIn(e: DragEvent): string[] | undefined {
  try {
    const ids: unknown = JSON.parse(e.dataTransfer.getData(HISTORY_DRAG_TYPE));
    return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string') ? ids : undefined;
  } catch {
    return undefined;
  }
}

import { useEffect, useId, useState, type FormEvent } from 'react';
import { ALBUM_PRIVACY, type AlbumImage, type AlbumInfo } from '../../../shared/uploaders.js';
import { CopyAs } from '../components/CopyAs.js';
import { EmptyState } from '../components/EmptyState.js';
import { useHistory } from '../stores/history.js';
import { Thumbnail } from './history/UploadList.js';
import { useAlbums } from '../stores/albums.js';
import { useNavigation } from '../stores/navigation.js';
import { useUploaders } from '../stores/uploaders.js';

const PRIVACY_LABELS: Record<(typeof ALBUM_PRIVACY)[number], string> = {
  hidden: 'Hidden (anyone with the link)',
  secret: 'Secret (only you)',
  public: 'Public',
};

function NewAlbum() {
  const create = useAlbums((s) => s.create);
  const [title, setTitle] = useState('');
  const [privacy, setPrivacy] = useState<(typeof ALBUM_PRIVACY)[number]>('hidden');
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') return;
    if (await create(title.trim(), privacy)) setTitle('');
  };
  return (
    <form className="album-form" onSubmit={(e) => void submit(e)} aria-label="Create an album">
      <label htmlFor={`${id}-title`}>New album</label>
      <input id={`${id}-title`} type="text" value={title} maxLength={200} placeholder="Title" onChange={(e) => setTitle(e.currentTarget.value)} />
      <label htmlFor={`${id}-privacy`} className="visually-hidden">
        Privacy
      </label>
      <select id={`${id}-privacy`} value={privacy} onChange={(e) => setPrivacy(e.currentTarget.value as typeof privacy)}>
        {ALBUM_PRIVACY.map((p) => (
          <option key={p} value={p}>
            {PRIVACY_LABELS[p]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={title.trim() === ''}>
        Create album
      </button>
    </form>
  );
}

function AlbumRow({ album }: { album: AlbumInfo }) {
  const { show, deleteAlbum } = useAlbums.getState();
  const openId = useAlbums((s) => s.open?.album.id);
  const [confirming, setConfirming] = useState(false);
  const count = album.imageCount ?? 0;
  return (
    <li className="album" aria-label={album.title}>
      <div className="upload-main">
        <span className="upload-name">{album.title}</span>
        <span className="upload-meta">
          {count} image{count === 1 ? '' : 's'}
          {album.privacy && ` · ${album.privacy}`}
        </span>
        {album.link && <span className="upload-link">{album.link}</span>}
      </div>
      <div className="upload-actions">
        {confirming ? (
          <>
            <span>Delete the album “{album.title}”? Its images stay in your account.</span>
            <button type="button" className="danger" onClick={() => void deleteAlbum(album).then(() => setConfirming(false))}>
              Delete album
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void show(album)} aria-expanded={openId === album.id} aria-label={`Show images of ${album.title}`}>
              Show images
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`Delete album ${album.title}`}>
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** One image of an album: its local thumbnail when it was uploaded from here (never a remote picture), its id and link. */
function GalleryTile({ image, album, index, count, onRemove }: { image: AlbumImage; album: AlbumInfo; index: number; count: number; onRemove(): void }) {
  const record = useHistory((s) => s.head.find((r) => r.uploaderId === 'imgur' && r.remoteId === image.id));
  const move = useAlbums((s) => s.move);
  const name = record?.fileName ?? image.id;
  return (
    <li
      className="gallery-tile"
      aria-label={name}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-shotput-album-image', image.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('application/x-shotput-album-image')) e.preventDefault();
      }}
      onDrop={(e) => {
        const dragged = e.dataTransfer.getData('application/x-shotput-album-image');
        if (!dragged) return;
        e.preventDefault();
        void move(dragged, index);
      }}
    >
      {record ? <Thumbnail record={record} size="large" /> : <div className="thumb thumb-large thumb-none" aria-hidden="true" />}
      <span className="upload-name">{name}</span>
      <span className="upload-link">{image.url}</span>
      <div className="gallery-actions">
        <button type="button" className="secondary" disabled={index === 0} onClick={() => void move(image.id, index - 1)} aria-label={`Earlier: move ${name} up`}>
          Earlier
        </button>
        <button type="button" className="secondary" disabled={index === count - 1} onClick={() => void move(image.id, index + 1)} aria-label={`Later: move ${name} down`}>
          Later
        </button>
        <button type="button" className="secondary" onClick={onRemove} aria-label={`Remove ${name} from ${album.title}`}>
          Remove
        </button>
      </div>
    </li>
  );
}

function AlbumImages() {
  const open = useAlbums((s) => s.open);
  const { add, remove, close } = useAlbums.getState();
  const [text, setText] = useState('');
  const id = useId();
  if (!open) return null;
  const { album, images, loading } = open;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const refs = text.split(/[\s,]+/).filter(Boolean);
    if (refs.length > 0 && (await add(album, refs))) setText('');
  };
  return (
    <section className="album-images" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Images in “{album.title}”</h2>
      <form className="album-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-add`}>Add images</label>
        <input
          id={`${id}-add`}
          type="text"
          value={text}
          placeholder="Links or ids, separated by spaces"
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" disabled={text.trim() === ''}>
          Add to album
        </button>
        <button type="button" className="secondary" onClick={close}>
          Close
        </button>
      </form>
      {loading ? (
        <p role="status">Loading images…</p>
      ) : images.length === 0 ? (
        <p className="notice">This album is empty. Select uploads in History and choose Add to album.</p>
      ) : (
        <>
          <CopyAs what={`every link of ${album.title}`} onCopy={(format) => void useAlbums.getState().copyAll(format)} />
          <ul className="gallery" aria-label={`Images in ${album.title}`}>
            {images.map((image: AlbumImage, index) => (
              <GalleryTile key={image.id} image={image} album={album} index={index} count={images.length} onRemove={() => void remove(album, image)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function AlbumsView() {
  const imgur = useUploaders((s) => s.imgur);
  const { albums, loaded, notice } = useAlbums();
  const show = useNavigation((s) => s.show);
  const connected = imgur?.connected === true;

  useEffect(() => {
    void useUploaders.getState().loadImgur().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (connected) void useAlbums.getState().load();
  }, [connected, imgur?.username]);

  if (!connected) {
    return (
      <EmptyState title="No albums yet">
        <p>
          Albums from your Imgur account and the ones you create here will be listed in this view. Connect an Imgur account in Settings to
          see them.
        </p>
        <button type="button" onClick={() => show('settings')}>
          Open Settings
        </button>
      </EmptyState>
    );
  }
  return (
    <div className="albums">
      <p>Albums of the Imgur account {imgur?.username ?? ''}.</p>
      <NewAlbum />
      <p className={`notice ${notice?.kind ?? ''}`} role="status" aria-live="polite" aria-label="Albums status">
        {notice?.text ?? (loaded ? `${albums.length} album${albums.length === 1 ? '' : 's'}.` : 'Loading albums…')}
      </p>
      {albums.length > 0 && (
        <ul className="uploads" aria-label="Albums">
          {albums.map((album) => (
            <AlbumRow key={album.id} album={album} />
          ))}
        </ul>
      )}
      <AlbumImages />
    </div>
  );
}

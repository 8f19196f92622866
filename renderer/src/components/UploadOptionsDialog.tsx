import { useEffect, useState, type FormEvent } from 'react';
import { useSettings } from '../stores/settings.js';
import { defaultsFor, expirationLabel, uploaderOffers, useUploadOptions, type UploadChoice } from '../stores/upload-options.js';
import { useUploaders } from '../stores/uploaders.js';
import { Modal } from './Modal.js';

/**
 * "Upload with options…": the uploader, album, title, description, expiration and NSFW of this
 * upload, starting from what Settings says. The core checks the choices against the host; a
 * refusal is shown here and the choices stay.
 */
export function UploadOptionsDialog() {
  const files = useUploadOptions((s) => s.files);
  if (!files) return null;
  return <UploadOptionsForm files={files} />;
}

function UploadOptionsForm({ files }: { files: File[] }) {
  const { cancel, submit, loadAlbums } = useUploadOptions.getState();
  const error = useUploadOptions((s) => s.error);
  const busy = useUploadOptions((s) => s.busy);
  const albumLists = useUploadOptions((s) => s.albums);
  const uploaders = useUploaders((s) => s.list);
  const values = useSettings((s) => s.values);
  const sections = useSettings((s) => s.sections);
  const defaultUploader = typeof values.defaultUploader === 'string' ? values.defaultUploader : (uploaders[0]?.id ?? '');
  const [choice, setChoice] = useState<UploadChoice>(() => defaultsFor(defaultUploader, values));
  const offers = uploaderOffers(choice.uploaderId, sections);
  const albums = offers.listsAlbums ? albumLists[choice.uploaderId] : undefined;

  useEffect(() => {
    if (offers.listsAlbums) void loadAlbums(choice.uploaderId);
  }, [offers.listsAlbums, choice.uploaderId, loadAlbums]);

  const change = (patch: Partial<UploadChoice>) => setChoice({ ...choice, ...patch });
  // Another uploader starts from its own defaults; what the user typed or chose for this upload stays.
  const changeUploader = (uploaderId: string) =>
    setChoice(defaultsFor(uploaderId, values, { title: choice.title, description: choice.description, expiration: choice.expiration, nsfw: choice.nsfw }));
  const offered = offers.expirations.some((e) => e.value === choice.expiration);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(choice);
  };
  const what = files.length === 1 ? files[0]!.name : `${files.length} files`;
  return (
    <Modal title="Upload with options" onCancel={cancel}>
      <form className="upload-options" onSubmit={onSubmit} aria-describedby="upload-options-what">
        <p id="upload-options-what">Uploading {what}.</p>
        <div className="field">
          <label htmlFor="upload-options-uploader">Uploader</label>
          <select id="upload-options-uploader" value={choice.uploaderId} onChange={(e) => changeUploader(e.currentTarget.value)}>
            {!uploaders.some((u) => u.id === choice.uploaderId) && <option value={choice.uploaderId}>{choice.uploaderId}</option>}
            {uploaders.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
        {offers.takesAlbumId && (
          <div className="field">
            <label htmlFor="upload-options-album">Album</label>
            {albums?.status === 'ready' ? (
              <select id="upload-options-album" value={choice.albumId} onChange={(e) => change({ albumId: e.currentTarget.value })}>
                <option value="">No album</option>
                {!albums.albums.some((a) => a.id === choice.albumId || a.deleteHash === choice.albumId) && choice.albumId && (
                  <option value={choice.albumId}>{choice.albumId}</option>
                )}
                {albums.albums.map((a) => (
                  // An anonymous album is added to by its deletehash, as the Settings field says.
                  <option key={a.id} value={a.deleteHash ?? a.id}>
                    {a.title || a.id}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id="upload-options-album"
                type="text"
                value={choice.albumId}
                placeholder="Album id (empty: no album)"
                aria-describedby={albums?.status === 'failed' ? 'upload-options-album-help' : undefined}
                onChange={(e) => change({ albumId: e.currentTarget.value })}
              />
            )}
            {albums?.status === 'failed' && (
              <p id="upload-options-album-help" className="setting-help">
                The album list could not be read ({albums.message}); type an album id instead.
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="upload-options-title">Title</label>
          <input id="upload-options-title" type="text" maxLength={200} value={choice.title} onChange={(e) => change({ title: e.currentTarget.value })} />
        </div>
        <div className="field">
          <label htmlFor="upload-options-description">Description</label>
          <textarea
            id="upload-options-description"
            maxLength={2000}
            rows={3}
            value={choice.description}
            onChange={(e) => change({ description: e.currentTarget.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="upload-options-expiration">Delete after</label>
          <select
            id="upload-options-expiration"
            value={choice.expiration}
            aria-describedby={offered ? undefined : 'upload-options-expiration-help'}
            onChange={(e) => change({ expiration: e.currentTarget.value })}
          >
            {!offered && (
              <option value={choice.expiration}>
                {expirationLabel(choice.expiration, sections)} (not offered by {offers.label})
              </option>
            )}
            {offers.expirations.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {!offered && (
            <p id="upload-options-expiration-help" className="setting-help">
              {offers.label} does not offer this expiration; choose one it offers.
            </p>
          )}
        </div>
        {offers.takesNsfw && (
          <div className="field field-check">
            <input id="upload-options-nsfw" type="checkbox" checked={choice.nsfw} onChange={(e) => change({ nsfw: e.currentTarget.checked })} />
            <label htmlFor="upload-options-nsfw">Not safe for work (NSFW)</label>
          </div>
        )}
        {error && (
          <p className="setting-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" disabled={busy}>
            Upload
          </button>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

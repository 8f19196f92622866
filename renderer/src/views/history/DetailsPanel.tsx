import { forwardRef } from 'react';
import { isWebLink, linksOf, type HistoryRecord } from '../../../../shared/uploads.js';
import { CopyAs } from '../../components/CopyAs.js';
import { formatBytes, formatTime } from '../../format.js';
import { useAlbums } from '../../stores/albums.js';
import { useHistory } from '../../stores/history.js';
import { useUploaderLabel } from '../../stores/uploaders.js';
import { Thumbnail } from './UploadList.js';

/** Host text is only ever text; a link only when it is http(s). */
function LinkText({ url }: { url: string }) {
  return isWebLink(url) ? (
    <a href={url} target="_blank" rel="noreferrer noopener" className="link-url">
      {url}
    </a>
  ) : (
    <span className="link-url">{url}</span>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * "Open file" and "Show in folder" for the file the upload was made from: absent when history
 * knows of none (a drop, an import), disabled with the reason once the file has gone.
 */
function LocalFileActions({ record }: { record: HistoryRecord }) {
  const file = useHistory((s) => s.detailsFile);
  const { openLocal } = useHistory.getState();
  if (!record.localPath || file === null) return null;
  const gone = file?.exists === false;
  return (
    <div className="details-local" role="group" aria-label="File on this computer">
      <button type="button" aria-keyshortcuts="Control+O" disabled={gone || !file} aria-describedby={gone ? 'local-file-gone' : undefined} onClick={() => void openLocal(record, 'open')}>
        Open file
      </button>
      <button
        type="button"
        className="secondary"
        aria-keyshortcuts="Control+Shift+O"
        disabled={gone || !file}
        aria-describedby={gone ? 'local-file-gone' : undefined}
        onClick={() => void openLocal(record, 'showInFolder')}
      >
        Show in folder
      </button>
      {gone && (
        <p id="local-file-gone" className="notice details-local-gone">
          {record.localPath} was moved or deleted; the upload is still on the host.
        </p>
      )}
    </div>
  );
}

function Details({ record }: { record: HistoryRecord }) {
  const { copy, copyNamed, open, retry, edit, showDetails } = useHistory.getState();
  const service = useUploaderLabel(record.uploaderId);
  const albumTitle = useAlbums((s) => s.albums.find((a) => a.id === record.albumId)?.title);
  const links = linksOf(record);
  return (
    <>
      <h2 id="details-title" className="details-title">
        {record.fileName}
      </h2>
      <div className="details-preview">
        <Thumbnail record={record} size="large" />
      </div>
      <div className="details-actions">
        <button type="button" onClick={() => void open(record, 'viewer')} disabled={!record.viewerUrl && !record.url}>
          Open viewer page
        </button>
        <button type="button" onClick={() => void edit(record)} disabled={record.status === 'deleted' || !record.url}>
          Edit
        </button>
        {record.status === 'failed' && record.jobId && (
          <button type="button" onClick={() => void retry(record)}>
            Retry upload
          </button>
        )}
      </div>
      <LocalFileActions record={record} />
      <CopyAs what={`the link of ${record.fileName}`} disabled={record.awaitingModeration} onCopy={(format) => void copy([record.id], format)} />
      <dl className="details-facts">
        <Fact term="Uploader">{service}</Fact>
        <Fact term="Uploaded">{formatTime(record.createdAt)}</Fact>
        {record.bytes !== undefined && <Fact term="Size">{formatBytes(record.bytes)}</Fact>}
        {record.width && record.height ? (
          <Fact term="Dimensions">
            {record.width} × {record.height} px
          </Fact>
        ) : null}
        {record.albumId && <Fact term="Album">{albumTitle ?? record.albumId}</Fact>}
        {record.title && <Fact term="Title">{record.title}</Fact>}
        {record.description && <Fact term="Description">{record.description}</Fact>}
        {record.nsfw && <Fact term="Not safe for work">Marked NSFW on the host</Fact>}
        {record.editedFrom && (
          <Fact term="Edited from">
            <button type="button" onClick={() => void showDetails(record.editedFrom)}>
              the original upload
            </button>
          </Fact>
        )}
        {record.expiresAt && <Fact term="Expires">{formatTime(record.expiresAt)}</Fact>}
        {record.status === 'deleted' && <Fact term="Status">Deleted on the host</Fact>}
        {record.status === 'failed' && <Fact term="Status">Failed</Fact>}
        {record.awaitingModeration && <Fact term="Status">Awaiting moderation: no public link yet</Fact>}
      </dl>
      <h3 className="details-subtitle">Links</h3>
      {links.length === 0 ? (
        <p className="notice">The host returned no links.</p>
      ) : (
        <ul className="details-links" aria-label="Links the host returned">
          {links.map((link) => (
            <li key={link.name}>
              <span className="link-label">{link.label}</span>
              <LinkText url={link.url} />
              <button
                type="button"
                className="secondary"
                aria-label={`Copy ${link.label.toLowerCase()}`}
                onClick={() => void copyNamed(record, link.name, link.label)}
              >
                Copy {link.label.toLowerCase()}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The chosen upload: preview, facts, every link the host returned, and what can be done with it. */
export const DetailsPanel = forwardRef<HTMLElement>(function DetailsPanel(_props, ref) {
  const record = useHistory((s) => s.detailsRecord);
  const selectedCount = useHistory((s) => s.selected.size);
  return (
    <aside ref={ref} className="details" aria-label="Details" tabIndex={-1}>
      {record ? (
        <Details record={record} />
      ) : (
        <p className="notice">{selectedCount > 1 ? `${selectedCount} uploads selected.` : 'Choose an upload to see its links and details.'}</p>
      )}
    </aside>
  );
});

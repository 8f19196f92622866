import { useEffect, useState } from 'react';
import type { CustomUploaderSummary } from '../../../shared/sxcu.js';
import { FilePicker } from '../components/FilePicker.js';
import { useCustomUploaders } from '../stores/custom-uploaders.js';

function UploaderRow({ uploader }: { uploader: CustomUploaderSummary }) {
  const { exportFile, remove } = useCustomUploaders.getState();
  const [confirming, setConfirming] = useState(false);
  const asks = uploader.questions.length > 0 ? ` Asks: ${uploader.questions.map((q) => q.prompt).join(', ')}.` : '';
  return (
    <li className="custom-uploader" aria-label={uploader.name}>
      <div className="custom-uploader-main">
        <span className="custom-uploader-name">{uploader.name}</span>
        <span className="custom-uploader-meta">
          {uploader.id} · {uploader.kinds}.{asks}
        </span>
      </div>
      <div className="custom-uploader-actions">
        {confirming ? (
          <>
            <span>Remove it and its keys?</span>
            <button type="button" className="danger" onClick={() => void remove(uploader.id)}>
              Remove
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" className="secondary" onClick={() => void exportFile(uploader.id)} aria-label={`Export ${uploader.name}`}>
              Export
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`Remove ${uploader.name}`}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** Settings → Custom uploaders: import ShareX .sxcu files, export, remove. */
export function CustomUploadersSection() {
  const list = useCustomUploaders((s) => s.list);
  const notice = useCustomUploaders((s) => s.notice);
  const conflict = useCustomUploaders((s) => s.conflict);
  const { load, importFiles, replaceConflicting, keepExisting } = useCustomUploaders.getState();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="settings-section custom-uploaders" aria-labelledby="custom-uploaders-title">
      <h2 id="custom-uploaders-title">Custom uploaders (ShareX .sxcu)</h2>
      <p className="help">
        Import a ShareX custom uploader to upload wherever ShareX does; it is then listed with the uploaders as custom:&lt;name&gt;. You can also
        drop a .sxcu file on this window.
      </p>
      <FilePicker label="Import .sxcu file…" accept=".sxcu,application/json" onFiles={(files) => void importFiles(files)} />
      {notice && (
        // Shown only with something to say: the Settings view's own status line stays the only one otherwise.
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
          {notice.details && notice.details.length > 0 && (
            <ul className="warnings">
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {conflict && (
        <div role="alert" className="conflict">
          <p>{conflict.message}</p>
          <button type="button" onClick={() => void replaceConflicting()}>
            Replace it
          </button>
          <button type="button" className="secondary" onClick={keepExisting}>
            Keep the one I have
          </button>
        </div>
      )}
      {list.length === 0 ? (
        <p>No custom uploaders yet.</p>
      ) : (
        <ul className="custom-uploader-list" aria-label="Custom uploaders">
          {list.map((u) => (
            <UploaderRow key={u.id} uploader={u} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useCustomUploaders } from '../stores/custom-uploaders.js';
import { Modal } from './Modal.js';

/** Asks before importing a .sxcu file that was opened with Shotput from the desktop. */
export function OpenedSxcuDialog() {
  const next = useCustomUploaders((s) => s.pending[0]);
  const { confirm, dismiss } = useCustomUploaders.getState();
  if (!next) return null;
  const { preview, error } = next;
  if (!preview) {
    return (
      <Modal title={`${next.fileName} cannot be imported`} onCancel={() => void dismiss(next.token)}>
        <p role="alert">{error?.message}</p>
        <div className="modal-actions">
          <button type="button" onClick={() => void dismiss(next.token)}>
            Close
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title="Import this custom uploader?" onCancel={() => void dismiss(next.token)}>
      <p>
        {next.fileName} adds <strong>{preview.name}</strong>, {preview.kinds}, as {preview.id}.
        {preview.replaces && ' It replaces the custom uploader of the same name.'}
      </p>
      {preview.secrets.length > 0 && <p>Kept as secrets: {preview.secrets.join(', ')}.</p>}
      {preview.warnings.length > 0 && (
        <ul className="warnings" aria-label="Notes about this file">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" onClick={() => void confirm(next.token)}>
          Import
        </button>
        <button type="button" className="secondary" onClick={() => void dismiss(next.token)}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

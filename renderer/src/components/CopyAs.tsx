import { LINK_FORMAT_LABELS, LINK_FORMATS, type LinkFormat } from '../../../shared/uploads.js';

/** "Copy as" one button per link format; `what` names the uploads in each button's accessible name. */
export function CopyAs({ what, disabled, onCopy }: { what: string; disabled?: boolean; onCopy(format: LinkFormat): void }) {
  return (
    <div className="copy-as" role="group" aria-label={`Copy ${what} as`}>
      <span className="copy-as-label" aria-hidden="true">
        Copy as
      </span>
      {LINK_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="secondary"
          disabled={disabled}
          aria-label={`${LINK_FORMAT_LABELS[format]}: copy ${what}`}
          onClick={() => onCopy(format)}
        >
          {LINK_FORMAT_LABELS[format]}
        </button>
      ))}
    </div>
  );
}

import type { UploaderInfo } from '../../../shared/uploaders.js';
import { useUploaders } from '../stores/uploaders.js';
import { ImgurAccount } from './ImgurAccount.js';

/** Under an uploader's settings: "Test connection", and for Imgur the account. */
export function UploaderTools({ uploader }: { uploader: UploaderInfo }) {
  const check = useUploaders((s) => s.checks[uploader.id]);
  const verify = useUploaders((s) => s.verify);
  return (
    <div className="uploader-tools">
      {uploader.id === 'imgur' && <ImgurAccount />}
      {uploader.canVerify && (
        <div className="uploader-check">
          <button
            type="button"
            className="secondary"
            aria-label={`Test connection to ${uploader.label}`}
            disabled={check?.status === 'checking'}
            onClick={() => void verify(uploader.id)}
          >
            Test connection
          </button>
          <p className={`check-result ${check?.status ?? ''}`} role="status" aria-live="polite" aria-label={`${uploader.label} connection`}>
            {check?.status === 'checking' ? 'Checking…' : check?.message ?? ''}
          </p>
        </div>
      )}
    </div>
  );
}

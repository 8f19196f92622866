import { useEffect } from 'react';
import { useUploaders } from '../stores/uploaders.js';

function uploadsLeftText(left: { remaining: number; limit: number; resetAt?: string }): string {
  const count = `${left.remaining.toLocaleString()} of ${left.limit.toLocaleString()} uploads left`;
  return left.resetAt ? `${count} (refills ${new Date(left.resetAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})` : count;
}

/** The Imgur account: who is connected, uploads left, and Connect / Cancel / Disconnect. */
export function ImgurAccount() {
  const status = useUploaders((s) => s.imgur);
  const error = useUploaders((s) => s.imgurError);
  const { loadImgur, connectImgur, cancelImgur, disconnectImgur } = useUploaders.getState();

  useEffect(() => {
    void loadImgur().catch(() => undefined);
  }, [loadImgur]);

  if (!status) return null;
  const problem = error ?? status.error?.message;
  return (
    <div className="imgur-account" role="group" aria-label="Imgur account">
      <p className="imgur-state" role="status" aria-live="polite" aria-label="Imgur account status">
        {status.connected
          ? `Connected as ${status.username ?? 'your Imgur account'}: uploads go to your account.`
          : status.connecting
            ? 'Waiting for you to allow Shotput on Imgur’s page in your browser…'
            : 'No Imgur account connected: uploads are anonymous.'}
        {status.uploadsLeft && ` ${uploadsLeftText(status.uploadsLeft)}.`}
      </p>
      {status.connecting && status.authorizeUrl && (
        <p className="setting-help">
          If no browser opened, open this address yourself: <code className="authorize-url">{status.authorizeUrl}</code>
        </p>
      )}
      {problem && (
        <p className="setting-error" role="alert">
          {problem}
        </p>
      )}
      <div className="setting-control">
        {status.connected ? (
          <button type="button" className="secondary" onClick={() => void disconnectImgur()}>
            Disconnect account
          </button>
        ) : status.connecting ? (
          <button type="button" className="secondary" onClick={() => void cancelImgur()}>
            Cancel connecting
          </button>
        ) : (
          <button type="button" onClick={() => void connectImgur()}>
            Connect account
          </button>
        )}
      </div>
    </div>
  );
}

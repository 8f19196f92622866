import { useToasts, type Toast } from '../stores/toasts.js';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  return (
    // The alert role on the body, not the item: a list may hold only list items (axe: list, aria-allowed-role).
    <li className={`toast toast-${toast.kind}`}>
      <div className="toast-body" role={toast.kind === 'error' ? 'alert' : undefined}>
        <p className="toast-text">{toast.text}</p>
        {toast.detail && (
          // Focusable, so a long list of links can be scrolled from the keyboard.
          <pre className="toast-detail" tabIndex={0} role="region" aria-label="Details">
            {toast.detail}
          </pre>
        )}
        {toast.items && toast.items.length > 0 && (
          <ul className="toast-items">
            {toast.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="toast-actions">
        {toast.action && (
          <button
            type="button"
            onClick={() => {
              toast.action!.run();
              dismiss(toast.id);
            }}
          >
            {toast.action.label}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => dismiss(toast.id)} aria-label={`Dismiss: ${toast.text}`}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/** The window's messages, in its lower corner whatever the view; read out as they arrive. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="toasts" aria-label="Messages" aria-live="polite">
      {toasts.length > 0 && (
        <ul>
          {toasts.map((t) => (
            <ToastItem key={t.id} toast={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

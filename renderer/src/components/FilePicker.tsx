import { useRef } from 'react';

/** A button that opens the system file chooser; the chosen files go to `onFiles`. */
export function FilePicker({ label, accept, onFiles }: { label: string; accept?: string; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        hidden
        aria-hidden="true"
        aria-label={label}
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

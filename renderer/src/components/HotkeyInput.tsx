import { useState, type KeyboardEvent } from 'react';
import { acceleratorFromKeyPress } from '../../../shared/accelerator.js';

interface Props {
  id: string;
  value: string;
  describedBy?: string;
  onCommit(accelerator: string): void;
}

/**
 * Records a hotkey by pressing it: focus the field, press the keys; Backspace or Delete clears it
 * (no hotkey), Escape keeps the old one, Tab moves on as usual.
 */
export function HotkeyInput({ id, value, describedBy, onCommit }: Props) {
  const [recording, setRecording] = useState(false);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const plain = !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey;
    if (e.key === 'Tab' && plain) return;
    e.preventDefault();
    if (plain && e.key === 'Escape') return e.currentTarget.blur();
    if (plain && (e.key === 'Backspace' || e.key === 'Delete')) {
      onCommit('');
      return e.currentTarget.blur();
    }
    const accelerator = acceleratorFromKeyPress(e);
    if (accelerator) {
      onCommit(accelerator);
      e.currentTarget.blur();
    }
  };
  return (
    <input
      id={id}
      className="hotkey-input"
      readOnly
      value={recording ? 'Press the keys…' : value}
      placeholder="None"
      aria-describedby={describedBy}
      aria-description="Press the keys for this hotkey; Backspace clears it, Escape keeps it."
      onFocus={() => setRecording(true)}
      onBlur={() => setRecording(false)}
      onKeyDown={onKeyDown}
    />
  );
}

/** A key press as the browser reports it (KeyboardEvent's fields), without the DOM. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const NAMED_CODES: Record<string, string> = {
  PrintScreen: 'PrintScreen',
  Space: 'Space',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Backslash: '\\',
  Comma: ',',
  Period: '.',
  Slash: '/',
};

/**
 * The Electron accelerator for a key press (e.g. "Control+Shift+4", "Alt+PrintScreen"), or
 * undefined while only modifiers are held. Keys are read by their physical position (`code`), so
 * Shift+4 is "Shift+4" and not "Shift+$" on any layout.
 */
export function acceleratorFromKeyPress(press: KeyPress): string | undefined {
  let key: string | undefined;
  if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit[0-9]$/.test(press.code)) key = press.code.slice(5);
  else if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.code)) key = press.code;
  else key = NAMED_CODES[press.code];
  if (!key) return undefined;
  const modifiers = [press.ctrlKey && 'Control', press.altKey && 'Alt', press.shiftKey && 'Shift', press.metaKey && 'Super'].filter(Boolean);
  return [...modifiers, key].join('+');
}

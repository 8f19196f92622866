import { describe, expect, it } from 'vitest';
import { acceleratorFromKeyPress, type KeyPress } from '../../../shared/accelerator.js';
import { isValidHotkey } from '../../../shared/settings/fields.js';

const press = (code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: '', code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('recording a hotkey from key presses', () => {
  it('names keys by position, with modifiers in a fixed order', () => {
    expect(acceleratorFromKeyPress(press('PrintScreen', { ctrlKey: true }))).toBe('Control+PrintScreen');
    expect(acceleratorFromKeyPress(press('Digit4', { shiftKey: true, metaKey: true, key: '$' }))).toBe('Shift+Super+4');
    expect(acceleratorFromKeyPress(press('KeyR', { altKey: true, ctrlKey: true, key: 'r' }))).toBe('Control+Alt+R');
    expect(acceleratorFromKeyPress(press('F12'))).toBe('F12');
    expect(acceleratorFromKeyPress(press('ArrowLeft', { altKey: true }))).toBe('Alt+Left');
  });
  it('waits while only modifiers are held, and yields only accelerators Settings accepts', () => {
    expect(acceleratorFromKeyPress(press('ControlLeft', { ctrlKey: true }))).toBeUndefined();
    expect(acceleratorFromKeyPress(press('ShiftRight', { shiftKey: true }))).toBeUndefined();
    for (const code of ['KeyA', 'Digit0', 'F1', 'PrintScreen', 'Space', 'Slash', 'BracketLeft', 'Backquote', 'NumpadEnter']) {
      const accelerator = acceleratorFromKeyPress(press(code, { ctrlKey: true, shiftKey: true }))!;
      expect(isValidHotkey(accelerator), accelerator).toBe(true);
    }
  });
});

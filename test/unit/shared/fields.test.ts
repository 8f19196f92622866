import { describe, expect, it } from 'vitest';
import { checkFieldValue, isValidHotkey, parseFieldInput, type SettingField } from '../../../shared/settings/fields.js';

const concurrency: SettingField = { key: 'queue.concurrency', label: 'Uploads at the same time', kind: 'integer', default: 2, min: 1, max: 8 };
const baseUrl: SettingField = { key: 'uploaders.imge.baseUrl', label: 'Base URL', kind: 'url', default: 'https://im.ge' };
const format: SettingField = {
  key: 'afterUpload.linkFormat',
  label: 'Link format',
  kind: 'choice',
  default: 'url',
  choices: [
    { value: 'url', label: 'URL' },
    { value: 'markdown', label: 'Markdown' },
  ],
};

describe('setting validation', () => {
  it('accepts integers inside the range and names the range when refusing', () => {
    expect(checkFieldValue(concurrency, 3)).toEqual({ ok: true, value: 3 });
    const refused = checkFieldValue(concurrency, 9);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toBe('Uploads at the same time (queue.concurrency) must be between 1 and 8; got 9.');
    expect(checkFieldValue(concurrency, 2.5).ok).toBe(false);
    expect(checkFieldValue(concurrency, '3').ok).toBe(false);
  });

  it('parses command-line text into the field type', () => {
    expect(parseFieldInput(concurrency, ' 4 ')).toEqual({ ok: true, value: 4 });
    expect(parseFieldInput(concurrency, 'four')).toMatchObject({ ok: false });
    expect(parseFieldInput({ key: 'a.b', label: 'Flag', kind: 'boolean' }, 'yes')).toEqual({ ok: true, value: true });
    expect(parseFieldInput({ key: 'a.b', label: 'Flag', kind: 'boolean' }, 'off')).toEqual({ ok: true, value: false });
    expect(parseFieldInput({ key: 'a.b', label: 'Flag', kind: 'boolean' }, 'maybe')).toMatchObject({ ok: false });
  });

  it('normalizes URLs and refuses anything but http(s)', () => {
    expect(checkFieldValue(baseUrl, 'https://img.example.org/')).toEqual({ ok: true, value: 'https://img.example.org' });
    expect(checkFieldValue(baseUrl, 'img.example.org')).toMatchObject({ ok: false });
    expect(checkFieldValue(baseUrl, 'file:///etc/passwd')).toMatchObject({ ok: false });
    expect(checkFieldValue(baseUrl, '')).toMatchObject({ ok: false });
    expect(checkFieldValue({ ...baseUrl, optional: true }, '')).toEqual({ ok: true, value: '' });
  });

  it('lists the allowed choices when refusing one', () => {
    expect(checkFieldValue(format, 'markdown')).toEqual({ ok: true, value: 'markdown' });
    const refused = checkFieldValue(format, 'rtf');
    expect(!refused.ok && refused.message).toContain('must be one of: url, markdown');
  });

  it('knows Electron accelerators', () => {
    for (const ok of ['CommandOrControl+Shift+4', 'PrintScreen', 'Alt+F12', 'Ctrl+Alt+A', '']) expect(isValidHotkey(ok), ok).toBe(true);
    for (const bad of ['Shift+', 'Ctrl+Ctrl+A', 'Hyper+A', 'A+B', 'ctrl+a']) expect(isValidHotkey(bad), bad).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/core/ipc/sender.js';

describe('IPC sender check', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://shotput/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://shotput/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://shotput.evil/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

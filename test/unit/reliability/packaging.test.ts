import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of the packaging config, as key → value. */
function fuses(): Record<string, string> {
  const yml = readFileSync('build/electron-builder.yml', 'utf8');
  const block = /^electronFuses:\n((?: {2}\w+: \w+\n?)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries(block.trim().split('\n').filter(Boolean).map((line) => line.trim().split(/:\s*/) as [string, string]));
}

describe('the packaged app', () => {
  it('has the Electron fuses flipped: no run-as-node, encrypted cookies, ASAR integrity, app only from ASAR', () => {
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});

import { safeStorage } from 'electron';
import { join } from 'node:path';
import { FileSecretVault, plainCodec, type SecretCodec } from '../core/secrets/file-vault.js';

/** Secrets encrypted with the OS keychain (Keychain, DPAPI, libsecret/kwallet) via safeStorage. */
export function openSafeStorageVault(profileDir: string): { vault: FileSecretVault; weak: boolean } {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const weak = !safeStorage.isEncryptionAvailable() || backend === 'basic_text';
  const codec: SecretCodec = {
    scheme: 'safeStorage',
    protection: weak
      ? 'encrypted with a fixed key because no system keychain is available'
      : 'encrypted with your system keychain',
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
  // Plain entries written by the CLI in the same profile are readable, and re-encrypted on read.
  return { vault: new FileSecretVault(join(profileDir, 'secrets.json'), codec, ['safeStorage', plainCodec.scheme]), weak };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../../electron/core/identity/secretStore';

/**
 * What Electron's safeStorage does, for tests that cannot start Electron: strings encrypted under a
 * key held by "the system keychain" (here, this object; AES-256-GCM from node:crypto). Another
 * keychain (another OS user) cannot decrypt them; `available: false` is a Linux without a keyring.
 */
export function keychainCipher(available = true): SecretCipher & { readonly sealed: number } {
  const key = randomBytes(32);
  let sealed = 0;
  return {
    get sealed() {
      return sealed;
    },
    isEncryptionAvailable: () => available,
    encryptString(plainText) {
      sealed++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const d = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      d.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([d.update(encrypted.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

/**
 * Which key signs. A check with no key configured still seals: the first time, Exhibit
 * creates a per-user key named "default" (no passphrase, mode 0600) and says so in the
 * summary and the custody log; a key named with --key must exist.
 */
import { DEFAULT_KEY_NAME, createKey, keyExists, keyStoreDir, loadSigner, readPassphraseFile, type LoadedSigner } from './keys.js';

export interface SigningOptions {
  /** Key name in the key store; default "default", created on first use. */
  key?: string;
  passphraseFile?: string;
  /** Who operates, as written in the statements and the custody log; default the key's name. */
  operator?: string;
  /** Key store folder; default from EXHIBIT_DATA_DIR / XDG_DATA_HOME. */
  keyDir?: string;
}

export interface ResolvedSigner {
  signer: LoadedSigner;
  operator: string;
  /** True when this run created the default key. */
  created: boolean;
  keyDir: string;
}

export function resolveSigner(options: SigningOptions): ResolvedSigner {
  const keyDir = options.keyDir ?? keyStoreDir();
  const name = options.key ?? DEFAULT_KEY_NAME;
  let created = false;
  if (options.key === undefined && !keyExists(name, keyDir)) {
    createKey({ name, dir: keyDir });
    created = true;
  }
  const passphrase = options.passphraseFile === undefined ? undefined : readPassphraseFile(options.passphraseFile);
  const signer = loadSigner(name, { dir: keyDir, ...(passphrase === undefined ? {} : { passphrase }) });
  return { signer, operator: options.operator ?? name, created, keyDir };
}

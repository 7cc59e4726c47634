import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ed25519Spki } from './ed25519-spki.js';
import { createKey, findKey, keyStoreDir, listKeys, loadSigner, readPassphraseFile, readPublicKeyFile } from './keys.js';
import { resolveSigner } from './signing.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-keys-'));
  made.push(dir);
  return dir;
}

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

describe('the key store', () => {
  it('lives in EXHIBIT_DATA_DIR, else XDG_DATA_HOME, else ~/.local/share', () => {
    expect(keyStoreDir({ EXHIBIT_DATA_DIR: '/d', XDG_DATA_HOME: '/x' })).toBe('/d/keys');
    expect(keyStoreDir({ XDG_DATA_HOME: '/x' })).toBe('/x/exhibit/keys');
    expect(keyStoreDir({})).toMatch(/\/\.local\/share\/exhibit\/keys$/);
  });

  it('creates a key whose signatures verify with its exported public key', () => {
    const dir = temp();
    const info = createKey({ name: 'analyst', dir });
    expect(statSync(info.privatePath).mode & 0o777).toBe(0o600);
    expect(readFileSync(info.privatePath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const signer = loadSigner('analyst', { dir });
    const message = Buffer.from('sealed');
    const publicKey = readFileSync(info.publicPath, 'utf8');
    expect(verify(null, message, publicKey, signer.sign(message))).toBe(true);
    expect(readPublicKeyFile(info.publicPath)).toEqual(info.publicKey);
    expect(signer.fingerprint).toBe(info.fingerprint);
    expect(listKeys(dir).map((k) => k.name)).toEqual(['analyst']);
  });

  it('protects a key with a passphrase and names each way to get it wrong', () => {
    const dir = temp();
    createKey({ name: 'witness', passphrase: 'open sesame', dir });
    expect(readFileSync(join(dir, 'witness.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(findKey('witness', dir).encrypted).toBe(true);
    expect(codeOf(() => loadSigner('witness', { dir }))).toBe('KEY_PASSPHRASE_REQUIRED');
    expect(codeOf(() => loadSigner('witness', { dir, passphrase: 'open sesam' }))).toBe('KEY_PASSPHRASE_WRONG');
    expect(loadSigner('witness', { dir, passphrase: 'open sesame' }).name).toBe('witness');
    expect(codeOf(() => createKey({ name: 'witness', dir }))).toBe('KEY_EXISTS');
    expect(codeOf(() => loadSigner('nobody', { dir }))).toBe('KEY_NOT_FOUND');
    expect(codeOf(() => createKey({ name: '../escape', dir }))).toBe('INVALID_ARGUMENT');
  });

  it('reads a passphrase file by its first line, and refuses an empty one', () => {
    const dir = temp();
    writeFileSync(join(dir, 'p'), 'first line\r\nsecond\n');
    expect(readPassphraseFile(join(dir, 'p'))).toBe('first line');
    writeFileSync(join(dir, 'empty'), '\n');
    expect(codeOf(() => readPassphraseFile(join(dir, 'empty')))).toBe('INVALID_ARGUMENT');
  });

  it('accepts only Ed25519 public keys as trusted keys', () => {
    const dir = temp();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' });
    writeFileSync(join(dir, 'rsa.pub'), rsa);
    expect(codeOf(() => readPublicKeyFile(join(dir, 'rsa.pub')))).toBe('KEY_INVALID');
    writeFileSync(join(dir, 'junk.pub'), 'not a key');
    expect(codeOf(() => readPublicKeyFile(join(dir, 'junk.pub')))).toBe('KEY_INVALID');
    const raw = new Uint8Array(32).fill(9);
    expect(ed25519Spki(raw)).toHaveLength(44);
  });

  it('creates the default key on first use only, and only when no key was named', () => {
    const dir = temp();
    const first = resolveSigner({ keyDir: dir });
    expect([first.created, first.signer.name, first.operator]).toEqual([true, 'default', 'default']);
    const second = resolveSigner({ keyDir: dir, operator: 'Lab A' });
    expect([second.created, second.signer.keyid === first.signer.keyid, second.operator]).toEqual([false, true, 'Lab A']);
    expect(codeOf(() => resolveSigner({ keyDir: dir, key: 'named' }))).toBe('KEY_NOT_FOUND');
  });
});

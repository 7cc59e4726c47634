/**
 * Signing keys: Ed25519 through node:crypto, one pair of files per key in the user's key
 * store — `<name>.key` (PKCS#8 PEM, mode 0600, encrypted with the passphrase when one is
 * given: PBES2, PBKDF2 and AES-256-CBC, readable by OpenSSL) and `<name>.pub` (SPKI PEM,
 * the file to hand to a verifier). The store is $EXHIBIT_DATA_DIR/keys, else
 * $XDG_DATA_HOME/exhibit/keys, else ~/.local/share/exhibit/keys.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../errors.js';
import type { Signer } from './dsse.js';
import { ed25519RawFromSpki } from './ed25519-spki.js';
import { EvidenceError } from './errors.js';
import { fingerprintOf, keyIdOf } from './fingerprint.js';
import { sha256 } from './node-crypto.js';

export const DEFAULT_KEY_NAME = 'default';
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function keyStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['EXHIBIT_DATA_DIR'];
  if (explicit) return join(explicit, 'keys');
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg ? xdg : join(homedir(), '.local', 'share'), 'exhibit', 'keys');
}

export interface KeyInfo {
  name: string;
  keyid: string;
  fingerprint: string;
  /** Raw 32-byte public key. */
  publicKey: Uint8Array;
  encrypted: boolean;
  privatePath: string;
  publicPath: string;
}

export interface LoadedSigner extends Signer {
  name: string;
  fingerprint: string;
}

function checkName(name: string): void {
  if (!KEY_NAME.test(name)) {
    throw new EvidenceError(
      'INVALID_ARGUMENT',
      `The key name ${JSON.stringify(name)} is not allowed; use letters, digits, '.', '_' and '-' (up to 64 characters).`,
    );
  }
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const raw = ed25519RawFromSpki(new Uint8Array(key.export({ format: 'der', type: 'spki' })));
  if (raw === null) throw new EvidenceError('KEY_INVALID', 'The key is not an Ed25519 key; create one with exhibit keys create.');
  return raw;
}

function paths(dir: string, name: string): { privatePath: string; publicPath: string } {
  return { privatePath: join(dir, `${name}.key`), publicPath: join(dir, `${name}.pub`) };
}

/** Reads a passphrase file: its first line, without the line ending. */
export function readPassphraseFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EvidenceError('PATH_NOT_FOUND', `The passphrase file ${path} cannot be read (${describeError(error)}); check the path.`, error);
  }
  const passphrase = text.split(/\r?\n/, 1)[0] ?? '';
  if (passphrase === '') throw new EvidenceError('INVALID_ARGUMENT', `The passphrase file ${path} is empty; write the passphrase on its first line.`);
  return passphrase;
}

export function createKey(options: { name?: string; passphrase?: string; dir?: string }): KeyInfo {
  const name = options.name ?? DEFAULT_KEY_NAME;
  checkName(name);
  const dir = options.dir ?? keyStoreDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privatePath, publicPath } = paths(dir, name);
  if (existsSync(privatePath) || existsSync(publicPath)) {
    throw new EvidenceError('KEY_EXISTS', `A key named ${name} already exists in ${dir}; choose another name with --name.`);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = options.passphrase
    ? privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: options.passphrase })
    : privateKey.export({ format: 'pem', type: 'pkcs8' });
  // 'wx' refuses to follow or replace a file that appeared meanwhile; mode applies at creation.
  writeFileSync(privatePath, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(privatePath, 0o600);
  writeFileSync(publicPath, publicKey.export({ format: 'pem', type: 'spki' }), { mode: 0o644, flag: 'wx' });
  return describeKey(dir, name);
}

function describeKey(dir: string, name: string): KeyInfo {
  const { privatePath, publicPath } = paths(dir, name);
  const publicKey = readPublicKeyFile(publicPath);
  const encrypted = readFileSync(privatePath, 'utf8').includes('BEGIN ENCRYPTED PRIVATE KEY');
  return {
    name,
    keyid: keyIdOf(sha256, publicKey),
    fingerprint: fingerprintOf(sha256, publicKey),
    publicKey,
    encrypted,
    privatePath,
    publicPath,
  };
}

export function keyExists(name: string, dir: string = keyStoreDir()): boolean {
  return existsSync(paths(dir, name).privatePath);
}

export function listKeys(dir: string = keyStoreDir()): KeyInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.key') && KEY_NAME.test(file.slice(0, -4)))
    .map((file) => file.slice(0, -4))
    .filter((name) => existsSync(paths(dir, name).publicPath))
    .sort()
    .map((name) => describeKey(dir, name));
}

export function findKey(name: string, dir: string = keyStoreDir()): KeyInfo {
  checkName(name);
  if (!keyExists(name, dir) || !existsSync(paths(dir, name).publicPath)) {
    throw new EvidenceError('KEY_NOT_FOUND', `There is no key named ${name} in ${dir}; create it with exhibit keys create --name ${name}.`);
  }
  return describeKey(dir, name);
}

/** A public key file as given to `verify --trust`: SPKI PEM (what keys export-public writes). */
export function readPublicKeyFile(path: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EvidenceError('PATH_NOT_FOUND', `The key file ${path} cannot be read (${describeError(error)}); check the path.`, error);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (error) {
    throw new EvidenceError(
      'KEY_INVALID',
      `The key file ${path} is not a PEM public key; give the file written by exhibit keys export-public.`,
      error,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new EvidenceError('KEY_INVALID', `The key file ${path} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519; give the file written by exhibit keys export-public.`);
  }
  return rawPublicKey(key);
}

export function loadSigner(name: string, options: { passphrase?: string; dir?: string } = {}): LoadedSigner {
  const dir = options.dir ?? keyStoreDir();
  const info = findKey(name, dir);
  const pem = readFileSync(info.privatePath, 'utf8');
  if (info.encrypted && options.passphrase === undefined) {
    throw new EvidenceError(
      'KEY_PASSPHRASE_REQUIRED',
      `The key ${name} is protected by a passphrase; give it with --signing-passphrase-file FILE.`,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(info.encrypted ? { key: pem, passphrase: options.passphrase ?? '' } : { key: pem });
  } catch (error) {
    if (info.encrypted) {
      throw new EvidenceError('KEY_PASSPHRASE_WRONG', `The passphrase does not unlock the key ${name}; check the passphrase file.`, error);
    }
    throw new EvidenceError('KEY_INVALID', `The key file ${info.privatePath} cannot be read as a private key; restore it or create a new key.`, error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519' || keyIdOf(sha256, rawPublicKey(createPublicKey(privateKey))) !== info.keyid) {
    throw new EvidenceError('KEY_INVALID', `The files of the key ${name} do not belong together; restore them or create a new key.`);
  }
  return {
    name,
    keyid: info.keyid,
    fingerprint: info.fingerprint,
    publicKey: info.publicKey,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

export function publicKeyPem(info: KeyInfo): string {
  return readFileSync(info.publicPath, 'utf8');
}

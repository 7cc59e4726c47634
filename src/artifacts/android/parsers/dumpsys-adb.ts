/**
 * The `adb` section: the adb daemon's debugging manager state, which lists the public keys
 * of the computers the phone trusts for adb (`user_keys=`, one `<base64 key> user@host`
 * per line) and, in `keystore=`, when each last connected (XML `<adbKey key="…"
 * lastConnection="ms" />`; Android 12+ may store it as binary XML, which is not read here).
 */
import { createHash } from 'node:crypto';
import type { NumberedLine } from './text-lines.js';

export interface AdbKey {
  /** The base64 key as written. */
  key: string;
  /** The `user@host` comment after the key. */
  user: string | null;
  /** MD5 of the decoded key, colon-separated upper-case hex, as `adb` prints it; null if the key is not base64. */
  fingerprint: string | null;
  /** Unix milliseconds of the last connection from the keystore, if listed. */
  lastConnectionMs: number | null;
  line: number;
}

export interface AdbState {
  connectedToAdb: boolean | null;
  lastKeyReceived: string | null;
  keystoreFormat: 'xml' | 'binary' | 'absent';
  keys: AdbKey[];
}

const KEY_LINE = /^([A-Za-z0-9+/]{40,}={0,2})(?:\s+(\S.*))?$/;

export function adbKeyFingerprint(base64Key: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64Key) || base64Key.length % 4 !== 0) return null;
  const bytes = Buffer.from(base64Key, 'base64');
  if (bytes.length === 0) return null;
  const hex = createHash('md5').update(bytes).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? null;
}

export function parseAdbState(lines: readonly NumberedLine[]): AdbState {
  const state: AdbState = { connectedToAdb: null, lastKeyReceived: null, keystoreFormat: 'absent', keys: [] };
  const keys = new Map<string, AdbKey>();
  let inUserKeys = false;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    const pair = /^(\w+)=(.*)$/.exec(trimmed);
    if (pair && pair[1] !== undefined && !KEY_LINE.test(trimmed)) {
      inUserKeys = false;
      const [, key, value = ''] = pair;
      if (key === 'connected_to_adb') state.connectedToAdb = value.trim() === 'true';
      else if (key === 'last_key_received') state.lastKeyReceived = value.trim() || null;
      else if (key === 'keystore') state.keystoreFormat = value.includes('<') ? 'xml' : value.trim() === '' ? 'absent' : 'binary';
      if (key === 'user_keys') {
        inUserKeys = true;
        addKey(keys, value.trim(), line);
      }
      if (key !== 'keystore') continue;
    }
    if (inUserKeys && KEY_LINE.test(trimmed)) {
      addKey(keys, trimmed, line);
      continue;
    }
    for (const entry of trimmed.matchAll(/<adbKey\s+key="([^"]*)"\s+lastConnection="(\d+)"/g)) {
      const keyText = (entry[1] ?? '').trim();
      const base = keyText.split(/\s+/)[0] ?? '';
      const known = keys.get(base);
      const last = Number(entry[2]);
      if (known) known.lastConnectionMs = last;
      else {
        keys.set(base, {
          key: base,
          user: keyText.slice(base.length).trim() || null,
          fingerprint: adbKeyFingerprint(base),
          lastConnectionMs: last,
          line,
        });
      }
    }
  }
  state.keys = [...keys.values()];
  return state;
}

function addKey(keys: Map<string, AdbKey>, text: string, line: number): void {
  const match = KEY_LINE.exec(text);
  if (!match || match[1] === undefined) return;
  if (keys.has(match[1])) return;
  keys.set(match[1], { key: match[1], user: match[2]?.trim() ?? null, fingerprint: adbKeyFingerprint(match[1]), lastConnectionMs: null, line });
}

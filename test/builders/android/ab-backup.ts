/**
 * Android backups (`.ab`) written as `adb backup` writes them (reference/artifacts.md §3.4):
 * the text header, a tar of `apps/<package>/…` members, zlib compression (level 9, as
 * Android), and AES-256 encryption of a random master key under a PBKDF2-SHA1 key from the
 * password, with the master-key checksum computed over the Java-char bytes from version 2
 * on. Salts, IVs and keys come from a seed, so the bytes are a pure function of the spec.
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { rawTar, type RawTarMember } from '../archives.js';

export interface AbSpec {
  version?: number;
  compressed?: boolean;
  /** Encrypts with AES-256 when set. */
  password?: string;
  /** PBKDF2 rounds (Android uses 10000; tests use fewer). */
  rounds?: number;
  members: readonly RawTarMember[];
  /** Varies the salts, IVs and master key. */
  seed?: string;
}

function bytesFrom(seed: string, label: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) out.push(createHash('sha256').update(`${seed}/${label}/${i}`).digest());
  return Buffer.concat(out).subarray(0, length);
}

/** Android's checksum input: bytes >= 0x80 as UTF-8 of the sign-extended Java char. */
function javaChars(key: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of key) {
    if (byte < 0x80) out.push(byte);
    else out.push(0xef, 0xbc | ((byte >> 6) & 0x03), 0x80 | (byte & 0x3f));
  }
  return Buffer.from(out);
}

export function buildAb(spec: AbSpec): Buffer {
  const version = spec.version ?? 5;
  const compressed = spec.compressed ?? true;
  const tar = rawTar(spec.members);
  let payload = compressed ? deflateSync(tar, { level: 9 }) : tar;
  const lines = ['ANDROID BACKUP', String(version), compressed ? '1' : '0'];
  if (spec.password === undefined) {
    lines.push('none');
  } else {
    const seed = spec.seed ?? 'exhibit-ab';
    const rounds = spec.rounds ?? 1000;
    const userSalt = bytesFrom(seed, 'user-salt', 64);
    const checksumSalt = bytesFrom(seed, 'checksum-salt', 64);
    const userIv = bytesFrom(seed, 'user-iv', 16);
    // A master key with bytes >= 0x80, so a checker without the Java-char quirk fails.
    const masterKey = bytesFrom(seed, 'master-key', 32);
    const masterIv = bytesFrom(seed, 'master-iv', 16);
    const checksum = pbkdf2Sync(version >= 2 ? javaChars(masterKey) : masterKey, checksumSalt, rounds, 32, 'sha1');
    const blob = Buffer.concat([Buffer.from([16]), masterIv, Buffer.from([32]), masterKey, Buffer.from([32]), checksum]);
    const userKey = pbkdf2Sync(Buffer.from(spec.password, 'utf8'), userSalt, rounds, 32, 'sha1');
    const userCipher = createCipheriv('aes-256-cbc', userKey, userIv);
    const encryptedBlob = Buffer.concat([userCipher.update(blob), userCipher.final()]);
    const payloadCipher = createCipheriv('aes-256-cbc', masterKey, masterIv);
    payload = Buffer.concat([payloadCipher.update(payload), payloadCipher.final()]);
    lines.push(
      'AES-256',
      userSalt.toString('hex').toUpperCase(),
      checksumSalt.toString('hex').toUpperCase(),
      String(rounds),
      userIv.toString('hex').toUpperCase(),
      encryptedBlob.toString('hex').toUpperCase(),
    );
  }
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n`, 'latin1'), payload]);
}

export interface SmsSpec {
  address: string;
  body: string;
  /** Unix milliseconds. */
  date: number;
  type?: 1 | 2;
}

export interface MmsSpec {
  address: string;
  body: string;
  /** Unix SECONDS, as the MMS provider stores them. */
  date: number;
  msgBox?: 1 | 2;
}

/** The telephony provider's `_sms_backup`: a zlib-compressed JSON array. */
export function smsBackupFile(messages: readonly SmsSpec[]): Buffer {
  return deflateSync(
    Buffer.from(
      JSON.stringify(
        messages.map((m) => ({
          address: m.address,
          body: m.body,
          date: String(m.date),
          date_sent: m.type === 2 ? String(m.date) : '0',
          status: '-1',
          type: String(m.type ?? 1),
          recipients: [m.address],
          read: '1',
        })),
      ),
    ),
  );
}

export function mmsBackupFile(messages: readonly MmsSpec[]): Buffer {
  return deflateSync(
    Buffer.from(
      JSON.stringify(
        messages.map((m) => ({
          date: String(m.date),
          date_sent: '0',
          m_type: '132',
          v: '18',
          msg_box: String(m.msgBox ?? 1),
          recipients: [m.address],
          tr_id: 'T1234',
          read: '1',
          mms_addresses: [{ type: 137, address: m.address, charset: 106 }],
          mms_body: m.body,
          mms_charset: 106,
        })),
      ),
    ),
  );
}

/** `_manifest` of an app in the backup. */
export function abManifest(pkg: string, versionCode = 31, sdk = 31): Buffer {
  return Buffer.from(`1\n${pkg}\n${versionCode}\n${sdk}\n\n0\n0\n`, 'utf8');
}

/** The members of a telephony-only backup (`adb backup com.android.providers.telephony`). */
export function telephonyMembers(sms: readonly SmsSpec[], mms: readonly MmsSpec[] = []): RawTarMember[] {
  const base = 'apps/com.android.providers.telephony';
  const members: RawTarMember[] = [{ name: `${base}/_manifest`, content: abManifest('com.android.providers.telephony') }];
  members.push({ name: `${base}/d_f/000000_sms_backup`, content: smsBackupFile(sms), mode: 0o600 });
  if (mms.length > 0) members.push({ name: `${base}/d_f/000000_mms_backup`, content: mmsBackupFile(mms), mode: 0o600 });
  return members;
}

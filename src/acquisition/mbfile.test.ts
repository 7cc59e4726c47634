import { describe, expect, it } from 'vitest';
import { ExhibitError } from '../errors.js';
import { PlistUid, type PlistValue } from '../formats/plist.js';
import { decodePlist } from '../formats/plist-decode.js';
import { binaryPlist, mbFileBlob, type MbFileFields, type PlistInput } from '../../test/builders/ios-backup.js';
import { decodeMbFile, type MbFile } from './mbfile.js';

const uid = (n: number): PlistUid => new PlistUid(n);
const MAY_FIRST = 1_714_557_600; // 2024-05-01T10:00:00Z

const FIELDS: MbFileFields = {
  relativePath: 'Library/SMS/sms.db',
  birth: MAY_FIRST - 3600,
  lastModified: MAY_FIRST,
  lastStatusChange: MAY_FIRST + 1,
  size: 123_456,
  mode: 0o100644,
  inode: 987_654,
  protectionClass: 3,
};

function expectInvalid(blob: Buffer, fragment?: string): void {
  let caught: unknown;
  try {
    decodeMbFile(blob);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ExhibitError);
  expect((caught as ExhibitError).code).toBe('PLIST_INVALID');
  if (fragment) expect((caught as ExhibitError).message).toContain(fragment);
}

function keyedArchive(objects: PlistInput[], root: number): Buffer {
  return binaryPlist({ $version: 100000, $archiver: 'NSKeyedArchiver', $top: { root: uid(root) }, $objects: objects });
}

const MBFILE_CLASS = { $classname: 'MBFile', $classes: ['MBFile', 'NSObject'] };

describe('decodeMbFile', () => {
  it('decodes a builder blob for a regular file', () => {
    const expected: MbFile = {
      relativePath: 'Library/SMS/sms.db',
      birth: '2024-05-01T09:00:00.000000Z',
      lastModified: '2024-05-01T10:00:00.000000Z',
      lastStatusChange: '2024-05-01T10:00:01.000000Z',
      size: 123_456,
      mode: 0o100644,
      userId: 501,
      groupId: 501,
      inode: 987_654,
      flags: 0,
      protectionClass: 3,
      encryptionKey: null,
      target: null,
      digest: null,
      extendedAttributes: null,
    };
    expect(decodeMbFile(mbFileBlob(FIELDS))).toEqual(expected);
  });

  it('keeps the root at $objects[1] in builder blobs, as tools that read it positionally expect', () => {
    const archive = decodePlist(mbFileBlob(FIELDS)) as { $objects: PlistValue[]; $top: { root: PlistUid } };
    expect(archive.$top.root).toEqual(uid(1));
    expect(archive.$objects[0]).toBe('$null');
    expect(archive.$objects[1]).toMatchObject({ RelativePath: uid(2), Size: 123_456, Birth: MAY_FIRST - 3600 });
    expect(archive.$objects[2]).toBe('Library/SMS/sms.db');
  });

  it('decodes the optional fields: target, digest, extended attributes, encryption key', () => {
    const xattrs = binaryPlist({ 'com.apple.assetsd.UUID': Buffer.from('abc') });
    const key = Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.alloc(40, 7)]);
    const decoded = decodeMbFile(
      mbFileBlob({
        ...FIELDS,
        mode: 0o120755,
        target: '/private/var/mobile/Library/Target',
        digest: Buffer.alloc(20, 9),
        extendedAttributes: xattrs,
        encryptionKey: key,
        userId: 0,
        groupId: 0,
      }),
    );
    expect(decoded.target).toBe('/private/var/mobile/Library/Target');
    expect(decoded.digest).toEqual(Buffer.alloc(20, 9));
    expect(decoded.extendedAttributes).toEqual(xattrs);
    expect(decoded.encryptionKey).toEqual(key);
    expect(decoded.encryptionKey?.readUInt32LE(0)).toBe(3);
    expect(decoded.userId).toBe(0);
    expect(decoded.mode).toBe(0o120755);
  });

  it('follows $top.root in a hand-assembled old-iOS blob with NSDate times', () => {
    const macSeconds = MAY_FIRST - 978_307_200;
    const blob = keyedArchive(
      [
        '$null', // 0
        MBFILE_CLASS, // 1
        'Media/DCIM/100APPLE/IMG_0001.JPG', // 2
        { $classname: 'NSDate', $classes: ['NSDate', 'NSObject'] }, // 3
        { $class: uid(3), 'NS.time': macSeconds }, // 4
        { $class: uid(3), 'NS.time': macSeconds + 0.5 }, // 5
        { $classname: 'NSMutableData', $classes: ['NSMutableData', 'NSData', 'NSObject'] }, // 6
        { $class: uid(6), 'NS.data': Buffer.alloc(44, 1) }, // 7
        {
          $class: uid(1),
          RelativePath: uid(2),
          Birth: uid(4),
          LastModified: uid(5),
          LastStatusChange: uid(4),
          Size: 2n ** 40n,
          Mode: 0o100600,
          UserID: 501,
          GroupID: 501,
          InodeNumber: 12,
          Flags: 0,
          ProtectionClass: 2,
          EncryptionKey: uid(7),
        }, // 8: the root, deliberately not at 1
      ],
      8,
    );
    const decoded = decodeMbFile(blob);
    expect(decoded.relativePath).toBe('Media/DCIM/100APPLE/IMG_0001.JPG');
    expect(decoded.birth).toBe('2024-05-01T10:00:00.000000Z');
    expect(decoded.lastModified).toBe('2024-05-01T10:00:00.500000Z');
    expect(decoded.size).toBe(2 ** 40);
    expect(decoded.protectionClass).toBe(2);
    expect(decoded.encryptionKey).toEqual(Buffer.alloc(44, 1));
    expect(decoded.target).toBeNull();
  });

  it('reads unset and implausible times as null, and missing Size/Mode as 0', () => {
    const blob = keyedArchive(['$null', { $class: uid(2), Birth: 0, LastModified: -5 }, MBFILE_CLASS], 1);
    const decoded = decodeMbFile(blob);
    expect(decoded).toMatchObject({ relativePath: null, birth: null, lastModified: null, lastStatusChange: null, size: 0, mode: 0, inode: null });
  });

  it('rejects sizes that do not fit a safe integer and values of the wrong type', () => {
    expectInvalid(keyedArchive(['$null', { $class: uid(2), Size: 2n ** 60n }, MBFILE_CLASS], 1), 'Size');
    expectInvalid(keyedArchive(['$null', { $class: uid(2), Size: -1 }, MBFILE_CLASS], 1), 'negative');
    expectInvalid(keyedArchive(['$null', { $class: uid(2), Mode: 1.5 }, MBFILE_CLASS], 1), 'Mode');
    expectInvalid(keyedArchive(['$null', { $class: uid(2), RelativePath: 5 }, MBFILE_CLASS], 1), 'RelativePath');
    expectInvalid(keyedArchive(['$null', { $class: uid(2), Birth: 'yesterday' }, MBFILE_CLASS], 1), 'Birth');
    expectInvalid(keyedArchive(['$null', { $class: uid(2), Digest: 'abc' }, MBFILE_CLASS], 1), 'Digest');
  });

  it('rejects archives of another class and blobs that are not plists', () => {
    const other = keyedArchive(['$null', { $class: uid(2) }, { $classname: 'NSObject', $classes: ['NSObject'] }], 1);
    expectInvalid(other, 'NSObject');
    expectInvalid(binaryPlist({ not: 'an archive' }));
    expectInvalid(Buffer.from('garbage'));
    expectInvalid(Buffer.alloc(0));
    const blob = mbFileBlob(FIELDS);
    for (let length = 0; length < blob.length; length += 7) expectInvalid(blob.subarray(0, length));
  });
});

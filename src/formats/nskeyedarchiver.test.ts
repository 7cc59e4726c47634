import { describe, expect, it } from 'vitest';
import { ExhibitError } from '../errors.js';
import { binaryPlist, xmlPlist, type PlistInput, type PlistInputDict } from '../../test/builders/ios-backup.js';
import { decodeKeyedArchive } from './nskeyedarchiver.js';
import { isPlistDict, PlistUid, type PlistValue } from './plist.js';
import { decodePlist } from './plist-decode.js';
import { MAC_EPOCH_OFFSET } from './time.js';

const uid = (n: number): PlistUid => new PlistUid(n);
const cls = (name: string, ...parents: string[]): PlistValue => ({ $classname: name, $classes: [name, ...parents, 'NSObject'] });

function archive(objects: PlistValue[], root: PlistValue = uid(1)): { [key: string]: PlistValue } {
  return { $version: 100000, $archiver: 'NSKeyedArchiver', $top: { root }, $objects: objects };
}

/** The writers take no null (a plist has none); the archives here hold none either. */
function asInput(value: PlistValue): PlistInput {
  if (value === null) throw new Error('null cannot be written to a plist');
  if (Array.isArray(value)) return value.map(asInput);
  if (isPlistDict(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asInput(item)]));
  return value;
}

function expectInvalid(value: PlistValue, fragment: string): void {
  let caught: unknown;
  try {
    decodeKeyedArchive(value);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ExhibitError);
  expect((caught as ExhibitError).code).toBe('PLIST_INVALID');
  expect((caught as ExhibitError).message).toContain(fragment);
}

const MAC_TIME = 736_250_400; // 2024-05-01T10:00:00Z in Mac absolute seconds
const WHEN = new Date((MAC_TIME + MAC_EPOCH_OFFSET) * 1000);

/** A dictionary holding one of every Foundation class the decoder knows, root not at 1. */
const RICH: PlistValue[] = [
  '$null', // 0
  cls('NSMutableDictionary', 'NSDictionary'), // 1
  'name', // 2
  'Alice', // 3
  'tags', // 4
  { $class: uid(6), 'NS.objects': [uid(3), uid(7), uid(0)] }, // 5 NSArray
  cls('NSArray'), // 6
  'second', // 7
  { 'NS.keys': [uid(2), uid(4), uid(9), uid(11), uid(13), uid(15), uid(18), uid(20), uid(22)], 'NS.objects': [uid(3), uid(5), uid(10), uid(12), uid(14), uid(16), uid(19), uid(21), uid(5)], $class: uid(1) }, // 8 root
  'blob', // 9
  { $class: uid(17), 'NS.data': Buffer.from('bytes') }, // 10 NSMutableData
  'when', // 11
  { $class: uid(23), 'NS.time': MAC_TIME }, // 12 NSDate
  'nothing', // 13
  { $class: uid(24) }, // 14 NSNull
  'person', // 15
  { $class: uid(25), firstName: uid(3), age: 42, friend: uid(0), nick: uid(26) }, // 16 custom class
  cls('NSMutableData', 'NSData'), // 17
  'set', // 18
  { $class: uid(27), 'NS.objects': [1, 2] }, // 19 NSSet with inline numbers
  'count', // 20
  7, // 21 inline number object
  'again', // 22: same array as 'tags', shared
  cls('NSDate'), // 23
  cls('NSNull'), // 24
  cls('Person'), // 25
  { $class: uid(28), 'NS.string': 'Al' }, // 26 NSMutableString
  cls('NSSet'), // 27
  cls('NSMutableString', 'NSString'), // 28
];

const RICH_DECODED = {
  name: 'Alice',
  tags: ['Alice', 'second', null],
  blob: Buffer.from('bytes'),
  when: WHEN,
  nothing: null,
  person: { firstName: 'Alice', age: 42, friend: null, nick: 'Al', $class: 'Person' },
  set: [1, 2],
  count: 7,
  again: ['Alice', 'second', null],
};

describe('decodeKeyedArchive', () => {
  it('follows $top.root, wherever the root sits in $objects', () => {
    expect(decodeKeyedArchive(archive(RICH, uid(8)))).toEqual(RICH_DECODED);
  });

  it('decodes the same archive after a binary plist round trip', () => {
    const bytes = binaryPlist(asInput(archive(RICH, uid(8))) as PlistInputDict);
    expect(decodeKeyedArchive(decodePlist(bytes))).toEqual(RICH_DECODED);
  });

  it('decodes an XML archive whose references are CF$UID dicts', () => {
    const bytes = xmlPlist(asInput(archive(RICH, uid(8))));
    expect(bytes.toString('utf8')).toContain('CF$UID');
    expect(decodeKeyedArchive(decodePlist(bytes))).toEqual(RICH_DECODED);
  });

  it('shares an object referenced twice rather than decoding it again', () => {
    const decoded = decodeKeyedArchive(archive(RICH, uid(8))) as { tags: PlistValue; again: PlistValue };
    expect(decoded.again).toBe(decoded.tags);
  });

  it('decodes private subclasses by the nearest Foundation class in $classes', () => {
    const objects: PlistValue[] = [
      '$null',
      { $class: uid(2), 'NS.keys': [uid(3)], 'NS.objects': [uid(4)] },
      { $classname: '__NSCFDictionary', $classes: ['__NSCFDictionary', 'NSMutableDictionary', 'NSDictionary', 'NSObject'] },
      'k',
      { $class: uid(5), 'NS.bytes': Buffer.from('vé') },
      cls('__NSCFString', 'NSMutableString', 'NSString'),
    ];
    expect(decodeKeyedArchive(archive(objects))).toEqual({ k: 'vé' });
  });

  it('returns null for $null and primitives as they are', () => {
    expect(decodeKeyedArchive(archive(['$null'], uid(0)))).toBeNull();
    expect(decodeKeyedArchive(archive(['$null', 'text']))).toBe('text');
    expect(decodeKeyedArchive(archive(['$null', 5]))).toBe(5);
  });

  it('decodes the whole $top when there is no root key', () => {
    const value = { $archiver: 'NSKeyedArchiver', $version: 100000, $top: { a: uid(1), b: 2 }, $objects: ['$null', 'x'] };
    expect(decodeKeyedArchive(value)).toEqual({ a: 'x', b: 2 });
  });

  it('keeps a "__proto__" dictionary key as data', () => {
    const objects: PlistValue[] = ['$null', { $class: uid(2), 'NS.keys': [uid(3)], 'NS.objects': [uid(4)] }, cls('NSDictionary'), '__proto__', 'x'];
    const decoded = decodeKeyedArchive(archive(objects)) as Record<string, PlistValue>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('x');
  });

  it('accepts numeric dictionary keys as strings', () => {
    const objects: PlistValue[] = ['$null', { $class: uid(2), 'NS.keys': [3], 'NS.objects': ['three'] }, cls('NSDictionary')];
    expect(decodeKeyedArchive(archive(objects))).toEqual({ '3': 'three' });
  });

  it('rejects what is not a keyed archive', () => {
    expectInvalid('text', 'not a dictionary');
    expectInvalid({ $archiver: 'NSArchiver', $top: {}, $objects: [] }, '$archiver');
    expectInvalid({ $archiver: 'NSKeyedArchiver', $top: {} }, '$objects');
    expectInvalid({ $archiver: 'NSKeyedArchiver', $top: [], $objects: [] }, '$top');
  });

  it('rejects dangling references and malformed classes', () => {
    expectInvalid(archive(['$null'], uid(9)), 'outside $objects');
    expectInvalid(archive(['$null', { $class: 3 }]), '$class is not a UID');
    expectInvalid(archive(['$null', { $class: uid(2) }, 'not a class']), 'not a dictionary');
    expectInvalid(archive(['$null', { $class: uid(2) }, { $classes: [] }]), '$classname');
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.keys': [uid(0)], 'NS.objects': [] }, cls('NSDictionary')]), 'differ in length');
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.keys': [uid(3)], 'NS.objects': [uid(0)] }, cls('NSDictionary'), [1]]), 'key');
    expectInvalid(archive(['$null', { $class: uid(2) }, cls('NSArray')]), 'NS.objects');
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.data': 'x' }, cls('NSData')]), 'NS.data');
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.string': 5 }, cls('NSString')]), 'NS.string');
    expectInvalid(archive(['$null', { $class: uid(2) }, cls('NSString')]), 'NS.bytes');
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.time': 'soon' }, cls('NSDate')]), 'NS.time');
  });

  it('rejects reference cycles', () => {
    expectInvalid(archive(['$null', { $class: uid(2), 'NS.objects': [uid(1)] }, cls('NSArray')]), 'refers back');
    expectInvalid(archive(['$null', uid(2), uid(1)]), 'refers back');
    const mutual: PlistValue[] = ['$null', { $class: uid(3), other: uid(2) }, { $class: uid(3), other: uid(1) }, cls('Node')];
    expectInvalid(archive(mutual), 'refers back');
  });

  it('rejects excessive depth', () => {
    const objects: PlistValue[] = ['$null', cls('NSArray')];
    for (let i = 0; i < 2000; i++) objects.push({ $class: uid(1), 'NS.objects': [uid(objects.length + 1)] });
    objects.push('leaf');
    expectInvalid(archive(objects, uid(2)), 'nested too deeply');
  });

  it('rejects shared-reference bombs without hanging', () => {
    // Each array holds the next one twice: 2^60 values for a walker of the output.
    const objects: PlistValue[] = ['$null', cls('NSArray')];
    for (let i = 0; i < 60; i++) {
      const next = uid(objects.length + 1);
      objects.push({ $class: uid(1), 'NS.objects': [next, next] });
    }
    objects.push('leaf');
    const started = Date.now();
    expectInvalid(archive(objects, uid(2)), 'too many values');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonText } from './canonical.js';

const VALUES: unknown[] = [
  null,
  0,
  -0,
  1e21,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  '',
  'plain',
  'quote " backslash \\ newline \n tab \t nul \u0000',
  'lone \ud800 surrogate and \udfff',
  'émoji 😀 and arabic العربية',
  [],
  [1, 'two', null, undefined, [3, [4]], { b: 1, a: 2 }],
  {},
  { b: 1, a: 2, c: undefined },
  { Z: 1, a: 2, _: 3, '': 4, 'é': 5, 'e': 6, '😀': 7, '\uffff': 8, '10': 9, '9': 10 },
  {
    artifact: 'sms',
    times: [{ at: '2023-03-08T20:26:40.000000Z', meaning: 'sent' }],
    fields: { rowid: 1, text: 'Message', links: ['https://a.example/x'], subject: null, is_read: false, handle_id: 2 },
    origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d', sha256: 'ab', locator: { kind: 'sqlite', table: 'message', rowid: '1' } },
  },
];

describe('canonicalJsonText', () => {
  it.each(VALUES.map((value, i) => [i, value]))('gives the same text as canonicalJson for value %i', (_, value) => {
    expect(canonicalJsonText(value)).toBe(canonicalJson(value));
  });

  it('sorts keys by UTF-16 code units and leaves out undefined properties', () => {
    expect(canonicalJsonText({ b: 1, a: [true, null], c: undefined, B: 'x' })).toBe('{"B":"x","a":[true,null],"b":1}');
    // U+FFFF sorts after U+1F600, whose UTF-16 form starts with the surrogate U+D83D.
    expect(canonicalJsonText({ '\uffff': 1, '😀': 2 })).toBe('{"😀":2,"\uffff":1}');
  });
});

describe('canonicalJsonText shapes', () => {
  it('sorts objects with the same keys in another order the same way', () => {
    expect(canonicalJsonText({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJsonText({ a: 3, b: 4 })).toBe('{"a":3,"b":4}');
    expect(canonicalJsonText({ b: 5, a: 6 })).toBe('{"a":6,"b":5}');
  });

  it('tells apart key lists that join to the same text', () => {
    expect(canonicalJsonText({ 'a\u0000': 1, b: 2 })).toBe(canonicalJson({ 'a\u0000': 1, b: 2 }));
    expect(canonicalJsonText({ a: 1, '\u0000b': 2 })).toBe('{"\\u0000b":2,"a":1}');
  });

  it('stays exact past the number of shapes it remembers', () => {
    for (let i = 0; i < 5000; i += 1) {
      const value = { [`k${i}`]: i, a: { [`z${i}`]: [i], b: undefined } };
      expect(canonicalJsonText(value)).toBe(canonicalJson(value));
    }
  });
});

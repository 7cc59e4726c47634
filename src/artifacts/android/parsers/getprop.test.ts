import { describe, expect, it } from 'vitest';
import { parseGetprop, propertyMap } from './getprop.js';

describe('getprop output', () => {
  it('reads names and values, including empty, bracketed and multi-line values', () => {
    const text = [
      '[ro.build.version.security_patch]: [2023-05-01]',
      '[empty.value]: []',
      '[odd.value]: [a [b] c]',
      '[multi.line]: [first',
      'second]',
      'garbage line',
      '[persist.sys.timezone]: [Europe/Rome]',
      '',
    ].join('\n');
    const { properties, unparsed } = parseGetprop(text);
    expect(properties).toEqual([
      { name: 'ro.build.version.security_patch', value: '2023-05-01', line: 1 },
      { name: 'empty.value', value: '', line: 2 },
      { name: 'odd.value', value: 'a [b] c', line: 3 },
      { name: 'multi.line', value: 'first\nsecond', line: 4 },
      { name: 'persist.sys.timezone', value: 'Europe/Rome', line: 7 },
    ]);
    expect(unparsed).toEqual([6]);
    expect(propertyMap(properties).get('persist.sys.timezone')).toBe('Europe/Rome');
  });

  it('reports a value left open at the end of the file', () => {
    expect(parseGetprop('[a]: [b]\n[c]: [never closed\n')).toEqual({ properties: [{ name: 'a', value: 'b', line: 1 }], unparsed: [2] });
  });

  it('handles CRLF line endings', () => {
    expect(parseGetprop('[a]: [1]\r\n[b]: [2]\r\n').properties.map((p) => p.value)).toEqual(['1', '2']);
  });
});

import { describe, expect, it } from 'vitest';
import { csvRow } from './csv.js';

describe('csvRow', () => {
  it('quotes fields with separators, quotes and newlines', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\n');
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvRow(['=HYPERLINK("x")', '-12', '-cmd', '@a'])).toBe(`"'=HYPERLINK(""x"")",-12,'-cmd,'@a\n`);
  });
});

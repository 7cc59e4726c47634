import { describe, expect, it } from 'vitest';
import { extractUrls } from './urls.js';

describe('extractUrls', () => {
  it('finds every link, drops trailing punctuation and duplicates', () => {
    expect(extractUrls('Your parcel: https://baramije.net/Qw3rTy. See HTTP://x.example/a, https://baramije.net/Qw3rTy')).toEqual([
      'https://baramije.net/Qw3rTy',
      'HTTP://x.example/a',
    ]);
  });

  it('finds nothing in text without links', () => {
    expect(extractUrls('no link here, just example.com')).toEqual([]);
    expect(extractUrls(null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from './condition.js';

const fields = { url: 'http://yahoo.fr/', delta_ms: 80, cross: true, links: ['https://a.example/x', 'https://b.example/'], none: null };

describe('evaluate', () => {
  it('combines all, any and not', () => {
    expect(evaluate({ all: [{ field: 'url', startsWith: 'http://' }, { field: 'delta_ms', lessThan: 1000 }, { field: 'cross', equals: true }] }, fields)).toBe(true);
    expect(evaluate({ any: [{ field: 'url', startsWith: 'https://' }, { field: 'cross', equals: false }] }, fields)).toBe(false);
    expect(evaluate({ not: { field: 'url', contains: 'yahoo' } }, fields)).toBe(false);
  });

  it('matches an array field when any element matches', () => {
    expect(evaluate({ field: 'links', endsWith: '/x' }, fields)).toBe(true);
    expect(evaluate({ field: 'links', equals: 'https://c.example/' }, fields)).toBe(false);
  });

  it('tests presence, case-insensitive text and regular expressions', () => {
    expect(evaluate({ field: 'none', exists: false }, fields)).toBe(true);
    expect(evaluate({ field: 'missing', exists: true }, fields)).toBe(false);
    expect(evaluate({ field: 'url', startsWith: 'HTTP://YAHOO', ignoreCase: true }, fields)).toBe(true);
    expect(evaluate({ field: 'url', matches: '^http://[a-z]+\\.fr/$' }, fields)).toBe(true);
    expect(evaluate({ field: 'delta_ms', greaterThan: 80 }, fields)).toBe(false);
  });
});

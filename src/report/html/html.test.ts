import { describe, expect, it } from 'vitest';
import { jsonForScript, jsonForScriptChunks } from './html.js';

describe('jsonForScriptChunks', () => {
  it('writes the same text as jsonForScript, typed arrays as plain arrays', () => {
    const long = Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? `</script><!-- ${i}\u2028` : `row ${i}`));
    const numbers = Array.from({ length: 40_000 }, (_, i) => (i % 2 === 0 ? i : -i * 1_000_000_007));
    const value = {
      lang: 'ar',
      skipped: undefined,
      timeline: { t0: 1_625_000_000_000, t: Float64Array.from(numbers), a: Int32Array.from([0, 1, 2]), strings: long, empty: new Int32Array(0) },
      pairs: [[0, 1], [2, 3]],
      none: null,
    };
    const plain = { ...value, timeline: { ...value.timeline, t: numbers, a: [0, 1, 2], empty: [] } };
    const chunks = [...jsonForScriptChunks(value)];
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.join('')).toBe(jsonForScript(plain));
    expect(chunks.join('')).not.toContain('<');
  });

  it('leaves a short array in one piece', () => {
    expect([...jsonForScriptChunks(['<b>', 2])]).toEqual(['["\\u003cb>",2]']);
  });
});

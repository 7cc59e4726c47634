import { describe, expect, it } from 'vitest';
import { RULES } from './rule-set.js';
import { EXTRACTORS } from '../artifacts/registry.js';

describe('rule set', () => {
  it('has unique rule ids', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });

  it('only names artifacts that an extractor produces', () => {
    const artifacts = new Set(EXTRACTORS.map((extractor) => extractor.id));
    for (const rule of RULES) for (const artifact of rule.artifacts) expect(artifacts, rule.id).toContain(artifact);
  });

  it('gives every rule a one-sentence explanation, a version and valid regular expressions', () => {
    for (const rule of RULES) {
      expect(rule.explanation.length, rule.id).toBeGreaterThan(20);
      expect(rule.version, rule.id).toBeGreaterThanOrEqual(1);
      const patterns = JSON.stringify(rule).matchAll(/"matches":"((?:[^"\\]|\\.)*)"/g);
      for (const match of patterns) expect(() => new RegExp(JSON.parse(`"${match[1]}"`) as string, 'u')).not.toThrow();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../detection/finding.js';
import type { Confidence, Severity } from '../../detection/rule-types.js';
import { verdictOf } from './verdict.js';

function finding(type: 'indicator' | 'heuristic', severity: Severity, confidence: Confidence, malware: string | null = 'Pegasus'): Finding {
  const base: Finding = {
    id: `${type}-${severity}-${confidence}-${malware ?? 'none'}`,
    rule: { id: 'rule', version: 1, type, title: 'title' },
    artifact: 'sms',
    severity,
    confidence,
    matched: { field: 'f', value: 'v' },
    records: [],
    explanation: '',
    harmless: [],
    references: [],
  };
  if (type === 'heuristic') return base;
  return {
    ...base,
    indicator: { stixId: 'indicator--1', kind: 'domain', value: 'v', malware, bundle: { file: 'b.stix2', sha256: '0' }, how: 'exact' },
  };
}

describe('verdict', () => {
  it('is clean with no findings or only notes', () => {
    expect(verdictOf([])).toEqual({ level: 'clean', malware: [], unnamed: false });
    expect(verdictOf([finding('heuristic', 'informational', 'high')]).level).toBe('clean');
  });

  it('is strong for a high-confidence indicator match of high or critical severity', () => {
    expect(verdictOf([finding('indicator', 'critical', 'high'), finding('indicator', 'high', 'high', 'Predator')])).toEqual({
      level: 'strong',
      malware: ['Pegasus', 'Predator'],
      unnamed: false,
    });
    expect(verdictOf([finding('indicator', 'high', 'high', null)])).toEqual({ level: 'strong', malware: [], unnamed: true });
  });

  it('asks for an expert for everything else, heuristics above all', () => {
    expect(verdictOf([finding('heuristic', 'critical', 'high')]).level).toBe('review');
    expect(verdictOf([finding('indicator', 'critical', 'medium')]).level).toBe('review');
    expect(verdictOf([finding('indicator', 'medium', 'high')]).level).toBe('review');
    expect(verdictOf([finding('heuristic', 'low', 'low')]).level).toBe('review');
  });
});

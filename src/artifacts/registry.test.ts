import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from './registry.js';
import type { Extractor } from './types.js';

function isExtractor(value: unknown): value is Extractor {
  return typeof value === 'object' && value !== null && 'extract' in value && 'id' in value && 'paths' in value;
}

describe('extractor registry', () => {
  it('lists every extractor defined under artifacts/, exactly once', async () => {
    const defined: Extractor[] = [];
    for (const platform of ['ios', 'ios/sysdiagnose', 'android']) {
      const folder = new URL(`./${platform}/`, import.meta.url);
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
        const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
        defined.push(...Object.values(module).filter(isExtractor));
      }
    }
    expect(defined.length).toBeGreaterThan(0);
    for (const extractor of defined) expect(EXTRACTORS).toContain(extractor);
    expect(new Set(EXTRACTORS.map((e) => e.id)).size).toBe(EXTRACTORS.length);
  });

  it('gives every extractor a records-file-safe id and paths for each acquisition it reads', () => {
    for (const extractor of EXTRACTORS) {
      expect(extractor.id).toMatch(/^[a-z0-9_]+$/);
      for (const kind of extractor.acquisitions) expect(extractor.paths[kind]?.length ?? 0).toBeGreaterThan(0);
    }
  });
});

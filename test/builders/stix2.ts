/** Small STIX 2.1 bundles for indicator tests: one malware object, its indicators and their 'indicates' relationships. */

export function stixBundle(malware: string, patterns: readonly string[]): string {
  const slug = malware.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const objects: unknown[] = [{ type: 'malware', spec_version: '2.1', id: `malware--${slug}`, name: malware, is_family: false }];
  patterns.forEach((pattern, n) => {
    const id = `indicator--${slug}-${n + 1}`;
    objects.push({ type: 'indicator', spec_version: '2.1', id, pattern, pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' });
    objects.push({
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${slug}-${n + 1}`,
      relationship_type: 'indicates',
      source_ref: id,
      target_ref: `malware--${slug}`,
    });
  });
  return `${JSON.stringify({ type: 'bundle', id: `bundle--${slug}`, objects }, null, 2)}\n`;
}

export function domainPattern(domain: string): string {
  return `[domain-name:value = '${domain}']`;
}

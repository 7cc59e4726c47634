import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  hashAlgorithm,
  parseStixPattern,
  parseStixPatternFully,
  resolveComparisonKind,
  type PatternComparison,
  type PatternParseResult,
} from './stix2-pattern.js';

function comparisons(result: PatternParseResult): PatternComparison[] {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}: ${result.reason}`);
  return result.comparisons;
}

function only(pattern: string): PatternComparison {
  const found = comparisons(parseStixPattern(pattern));
  expect(found).toHaveLength(1);
  const [first] = found;
  if (first === undefined) throw new Error('no comparison');
  return first;
}

describe('parseStixPattern', () => {
  it('reads a single comparison with or without white space', () => {
    for (const pattern of [
      "[domain-name:value='evil.example']",
      "[domain-name:value = 'evil.example']",
      "[ domain-name:value\t=\n'evil.example' ]",
      "  [domain-name:value= 'evil.example']  ",
    ]) {
      expect(only(pattern)).toEqual({
        objectType: 'domain-name',
        path: ['value'],
        key: 'domain-name:value',
        value: 'evil.example',
      });
    }
  });

  it('keeps = inside the value (MVT split on it and crashed)', () => {
    expect(only("[url:value = 'https://evil.example/?a=b&c==d']").value).toBe('https://evil.example/?a=b&c==d');
  });

  it("resolves the two STIX escapes \\' and \\\\", () => {
    expect(only("[file:name = 'O\\'Brien.txt']").value).toBe("O'Brien.txt");
    expect(only("[file:name = 'back\\\\slash']").value).toBe('back\\slash');
    expect(only("[file:name = 'end\\\\']").value).toBe('end\\');
    expect(only("[file:name = '\\'\\\\\\'']").value).toBe("'\\'");
  });

  it('rejects any other escape and unterminated strings as invalid', () => {
    expect(parseStixPattern("[file:name = 'a\\nb']")).toEqual({
      status: 'invalid',
      reason: "bad escape in string starting at position 13 (only \\' and \\\\)",
    });
    expect(parseStixPattern("[file:name = 'abc]")).toEqual({
      status: 'invalid',
      reason: 'unterminated string starting at position 13',
    });
  });

  it('reads every hash-key spelling', () => {
    expect(only("[file:hashes.sha256 = 'aa']").path).toEqual(['hashes', 'sha256']);
    expect(only("[file:hashes.'SHA-256' = 'aa']")).toMatchObject({ path: ['hashes', 'SHA-256'], key: "file:hashes.'SHA-256'" });
    expect(only("[file:hashes.SHA256 = 'aa']").path).toEqual(['hashes', 'SHA256']);
    expect(only("[file:hashes.MD5 = 'aa']").path).toEqual(['hashes', 'MD5']);
    expect(only("[app:cert.'SHA-256' = 'aa']").path).toEqual(['cert', 'SHA-256']);
  });

  it('turns OR inside one observation into one comparison each', () => {
    const found = comparisons(
      parseStixPattern("[domain-name:value = 'a.example' OR domain-name:value = 'b.example' OR url:value = 'http://c.example/']"),
    );
    expect(found.map((c) => c.value)).toEqual(['a.example', 'b.example', 'http://c.example/']);
  });

  it('turns OR between observations, and parentheses, into one comparison each', () => {
    const found = comparisons(
      parseStixPattern("([ipv4-addr:value = '192.0.2.1'] OR [domain-name:value = 'a.example']) OR [(process:name = 'x' OR process:name = 'y')]"),
    );
    expect(found.map((c) => `${c.key}=${c.value}`)).toEqual([
      'ipv4-addr:value=192.0.2.1',
      'domain-name:value=a.example',
      'process:name=x',
      'process:name=y',
    ]);
  });

  it('accepts lower-case OR', () => {
    expect(comparisons(parseStixPattern("[process:name = 'x' or process:name = 'y']"))).toHaveLength(2);
  });

  it('reports AND, FOLLOWEDBY, qualifiers and other operators as unsupported', () => {
    const cases: Array<[string, string]> = [
      ["[domain-name:value = 'a' AND url:value = 'b']", 'AND between comparisons is not supported'],
      ["[domain-name:value = 'a'] AND [url:value = 'b']", 'AND between observations is not supported'],
      ["[domain-name:value = 'a'] FOLLOWEDBY [url:value = 'b']", 'FOLLOWEDBY between observations is not supported'],
      ["[domain-name:value = 'a'] WITHIN 5 SECONDS", 'the WITHIN qualifier is not supported'],
      ["[domain-name:value != 'a']", 'the != operator on domain-name:value is not supported (only =)'],
      ["[domain-name:value LIKE 'a%']", 'the LIKE operator on domain-name:value is not supported (only =)'],
      ["[domain-name:value MATCHES '^a']", 'the MATCHES operator on domain-name:value is not supported (only =)'],
      ["[domain-name:value IN ('a', 'b')]", 'the IN operator on domain-name:value is not supported (only =)'],
      ["[domain-name:value NOT = 'a']", 'NOT in the comparison on domain-name:value is not supported'],
      ['[file:size = 5]', 'a non-string value for file:size is not supported'],
      ["[file:hashes.md5 = h'00ff']", "a non-string value for file:hashes.md5 is not supported"],
      ['[EXISTS file:name]', 'the EXISTS operator is not supported'],
    ];
    for (const [pattern, reason] of cases) {
      expect(parseStixPattern(pattern), pattern).toEqual({ status: 'unsupported', reason });
    }
  });

  it('reports malformed patterns as invalid and never throws', () => {
    for (const pattern of [
      '',
      'domain-name:value = \'a\'',
      "[domain-name:value = 'a'",
      "[domain-name = 'a']",
      "[:value = 'a']",
      "[domain-name:value 'a']",
      "[domain-name:value = a]",
      "[domain-name:value = 'a'] junk",
      "[domain-name:value = 'a'] OR",
      "[file:extensions[0 = 'a']",
      '[',
      ']',
    ]) {
      const result = parseStixPattern(pattern);
      expect(result.status, pattern).toBe('invalid');
    }
  });

  it('caps nesting instead of exhausting the stack', () => {
    const deep = `${'('.repeat(10_000)}[process:name = 'x']${')'.repeat(10_000)}`;
    expect(parseStixPattern(deep)).toEqual({ status: 'invalid', reason: 'nested deeper than 32 levels' });
    const fine = `${'('.repeat(30)}[process:name = 'x']${')'.repeat(30)}`;
    expect(comparisons(parseStixPattern(fine))).toHaveLength(1);
  });

  it('keeps list indexes in the key so unknown keys read right', () => {
    expect(only("[file:extensions.'windows-pebinary-ext'.sections[*].name = '.text']").key).toBe(
      "file:extensions.'windows-pebinary-ext'.sections[*].name",
    );
  });

  it('gives the same result through the fast path as through the full reader, on every shipped pattern', () => {
    const folder = fileURLToPath(new URL('../../iocs/', import.meta.url));
    let checked = 0;
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.stix2'))) {
      const bundle = JSON.parse(readFileSync(`${folder}${name}`, 'utf8')) as { objects: Array<{ type: string; pattern?: string }> };
      for (const object of bundle.objects) {
        if (object.type !== 'indicator' || object.pattern === undefined) continue;
        expect(parseStixPattern(object.pattern)).toEqual(parseStixPatternFully(object.pattern));
        checked += 1;
      }
    }
    expect(checked).toBe(5370);
    for (const pattern of [
      "[a:b='']",
      "[ a:b.'SHA-256' = 'x' ]",
      "[a:b.c = 'x']",
      "[a:b.c.d = 'x']",
      "[a:b = 'x'] ",
      "[a:b = 'x\\'y']",
      "[a:b = 'x' OR a:b = 'y']",
      "[a:b = 'x']]",
      "[A_B:C-D = 'x']",
    ]) {
      expect(parseStixPattern(pattern), pattern).toEqual(parseStixPatternFully(pattern));
    }
  });
});

describe('hashAlgorithm', () => {
  it('folds every spelling', () => {
    expect(['sha256', 'SHA256', 'SHA-256', 'sha_256'].map(hashAlgorithm)).toEqual(['sha256', 'sha256', 'sha256', 'sha256']);
    expect(['md5', 'MD5', 'SHA-1', 'sha1'].map(hashAlgorithm)).toEqual(['md5', 'md5', 'sha1', 'sha1']);
    expect(hashAlgorithm('SHA3-256')).toBeNull();
    expect(hashAlgorithm('SHA-512')).toBeNull();
  });
});

describe('resolveComparisonKind', () => {
  const kindOf = (pattern: string): string | null => resolveComparisonKind(only(pattern))?.kind ?? null;

  it('maps every supported key', () => {
    expect(kindOf("[domain-name:value = 'x']")).toBe('domain');
    expect(kindOf("[ipv4-addr:value = 'x']")).toBe('ipv4');
    expect(kindOf("[url:value = 'x']")).toBe('url');
    expect(kindOf("[process:name = 'x']")).toBe('process');
    expect(kindOf("[email-addr:value = 'x']")).toBe('email');
    expect(kindOf("[file:name = 'x']")).toBe('file-name');
    expect(kindOf("[file:path = 'x']")).toBe('file-path');
    expect(kindOf("[file:hashes.md5 = 'x']")).toBe('file-hash-md5');
    expect(kindOf("[file:hashes.'SHA-1' = 'x']")).toBe('file-hash-sha1');
    expect(kindOf("[file:hashes.sha256 = 'x']")).toBe('file-hash-sha256');
    expect(kindOf("[file:hashes.'SHA-256' = 'x']")).toBe('file-hash-sha256');
    expect(kindOf("[app:id = 'x']")).toBe('app-id');
    expect(kindOf("[app:cert.md5 = 'x']")).toBe('app-cert-hash');
    expect(kindOf("[app:cert.sha1 = 'x']")).toBe('app-cert-hash');
    expect(kindOf("[app:cert.'SHA-256' = 'x']")).toBe('app-cert-hash');
    expect(kindOf("[configuration-profile:id = 'x']")).toBe('configuration-profile');
    expect(kindOf("[android-property:name = 'x']")).toBe('android-property');
  });

  it('carries the hash algorithm', () => {
    expect(resolveComparisonKind(only("[app:cert.'SHA-1' = 'x']"))).toEqual({ kind: 'app-cert-hash', algorithm: 'sha1' });
  });

  it('returns null for keys it does not index', () => {
    expect(kindOf("[ipv6-addr:value = 'x']")).toBeNull();
    expect(kindOf("[file:size = 'x']")).toBeNull();
    expect(kindOf("[file:hashes.'SHA-512' = 'x']")).toBeNull();
    expect(kindOf("[domain-name:resolves_to_refs = 'x']")).toBeNull();
    expect(kindOf("[file:hashes.sha256.extra = 'x']")).toBeNull();
    expect(kindOf("[process:hashes.sha256 = 'x']")).toBeNull();
  });
});

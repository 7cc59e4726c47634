import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheFileNameFor, DEFAULT_INDEX_URL, parseFeedIndex, type FeedIndexResult } from './index-file.js';

const SHIPPED_INDEX = fileURLToPath(new URL('../../../iocs/indicators.yaml', import.meta.url));
const MIRROR = 'http://127.0.0.1:8080/feeds/indicators.yaml';

function entriesOf(result: FeedIndexResult): FeedIndexResult & { ok: true } {
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('parseFeedIndex', () => {
  it('reads the public mvt-indicators index: 15 GitHub entries, raw URLs, cache names lined up with the shipped set', () => {
    const index = entriesOf(parseFeedIndex(readFileSync(SHIPPED_INDEX, 'utf8'), DEFAULT_INDEX_URL));
    expect(index.problems).toEqual([]);
    expect(index.entries.map((entry) => entry.file)).toEqual([
      'pegasus.stix2',
      'predator.stix2',
      'rcs.stix2',
      'stalkerware.stix2',
      'android_campaign_2023.stix2',
      'kingspawn.stix2',
      'operation_triangulation.stix2',
      'wyrmspy_dragonegg.stix2',
      'wintego_helios.stix2',
      'novispy.stix2',
      'candiru.stix2',
      'residentbat.stix2',
      'cellebrite.stix2',
      'darksword.stix2',
      'coruna.stix2',
    ]);
    expect(index.entries[0]).toEqual({
      position: 1,
      name: 'NSO Group Pegasus Indicators of Compromise',
      url: 'https://raw.githubusercontent.com/AmnestyTech/investigations/master/2021-07-18_nso/pegasus.stix2',
      file: 'pegasus.stix2',
    });
    // Upstream calls it malware.stix2; the cache uses the shipped name so the fresh copy replaces it.
    expect(index.entries[4]?.url).toBe(
      'https://raw.githubusercontent.com/AmnestyTech/investigations/master/2023-03-29_android_campaign/malware.stix2',
    );
    expect(index.entries[14]?.url).toBe(
      'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/2026-03-03_coruna_cryptowaters/coruna.stix2',
    );
  });

  it('defaults the branch to main, resolves a relative download_url against the index, and encodes path parts', () => {
    const text = [
      'indicators:',
      '  - type: github',
      '    github: {owner: acme, repo: iocs, path: "2024 sets/spy one.stix2"}',
      '  - type: download',
      '    name: Mirror copy',
      '    download_url: bundles/rcs.stix2',
      '  - download_url: https://mirror.example/other/Weird%20Name!.json',
    ].join('\n');
    const index = entriesOf(parseFeedIndex(text, MIRROR));
    expect(index.problems).toEqual([]);
    expect(index.entries).toEqual([
      { position: 1, name: null, url: 'https://raw.githubusercontent.com/acme/iocs/main/2024%20sets/spy%20one.stix2', file: 'spy_one.stix2' },
      { position: 2, name: 'Mirror copy', url: 'http://127.0.0.1:8080/feeds/bundles/rcs.stix2', file: 'rcs.stix2' },
      { position: 3, name: null, url: 'https://mirror.example/other/Weird%20Name!.json', file: 'Weird_Name_.json' },
    ]);
  });

  it('reports each bad entry on its own and keeps the good ones', () => {
    const text = [
      'indicators:',
      '  - just a string',
      '  - {type: github, name: No block}',
      '  - {type: github, github: {owner: acme, repo: iocs, path: ../../etc/passwd}}',
      '  - {type: github, github: {owner: "ac me", repo: iocs, path: a.stix2}}',
      '  - {type: github, github: {owner: acme, repo: iocs, branch: 7, path: a.stix2}}',
      '  - {type: github, github: {owner: acme, repo: "..", path: a.stix2}}',
      '  - {type: github, github: {owner: acme, repo: iocs, path: "a\\\\b.stix2"}}',
      '  - {name: Nothing}',
      '  - {download_url: "http://[bad"}',
      '  - {download_url: https://mirror.example/good.stix2}',
      '  - {download_url: https://mirror.example/good.stix2, name: Again}',
    ].join('\n');
    const index = entriesOf(parseFeedIndex(text, MIRROR));
    expect(index.entries).toEqual([{ position: 10, name: null, url: 'https://mirror.example/good.stix2', file: 'good.stix2' }]);
    expect(index.problems).toEqual([
      { position: 1, name: null, reason: 'expected a mapping' },
      { position: 2, name: 'No block', reason: "type github without a 'github' mapping" },
      { position: 3, name: null, reason: "github.path: '../../etc/passwd' has an empty, '.' or '..' part" },
      { position: 4, name: null, reason: "github.owner: 'ac me' is not a GitHub account name" },
      { position: 5, name: null, reason: 'github.branch: expected a non-empty text value' },
      { position: 6, name: null, reason: "github.repo: '..' is not a GitHub repository name" },
      { position: 7, name: null, reason: "github.path: 'a\\b.stix2' holds a backslash or a control character" },
      { position: 8, name: 'Nothing', reason: "expected 'download_url' (or type github)" },
      { position: 9, name: null, reason: "download_url: 'http://[bad' is not a URL" },
      { position: 11, name: 'Again', reason: 'the same URL as entry 10' },
    ]);
  });

  it('refuses what is not an index at all', () => {
    const reasons = [
      '{{{ not yaml: [',
      '<html><body>Rate limited</body></html>',
      'indicators: {}',
      'indicators: []',
      'a: 1\n---\nb: 2\n',
      'base: &a [1, 2]\nindicators: [*a, *a]\n',
    ].map((text) => {
      const result = parseFeedIndex(text, MIRROR);
      return result.ok ? 'ok' : result.reason;
    });
    expect(reasons).toEqual([
      'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 16',
      "expected a mapping with an 'indicators' list at the top",
      "expected an 'indicators' list at the top",
      "the 'indicators' list is empty",
      'not valid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() at line 2, column 1',
      'ok',
    ]);
  });

  it('ignores inherited names: a __proto__ or constructor key is just an unknown key', () => {
    const result = parseFeedIndex('indicators:\n  - {__proto__: {download_url: https://x.example/a.stix2}, constructor: 1}\n', MIRROR);
    expect(result).toEqual({ ok: true, entries: [], problems: [{ position: 1, name: null, reason: "expected 'download_url' (or type github)" }] });
  });
});

describe('cacheFileNameFor', () => {
  it('keeps a plain name and makes any other one plain', () => {
    expect(['pegasus.stix2', '.hidden.stix2', 'a b/c.json', '', '...', 'manifest.json', 'Manifest.JSON', 'ü.stix2'].map(cacheFileNameFor)).toEqual([
      'pegasus.stix2',
      'hidden.stix2',
      'a_b_c.json',
      'bundle.stix2',
      'bundle.stix2',
      'bundle-manifest.json',
      'bundle-Manifest.JSON',
      'stix2',
    ]);
  });
});

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IndicatorError } from '../errors.js';
import type { IndicatorIndex } from './indicator-index.js';
import { loadIndicatorSet, shippedIndicatorFolder } from './load.js';
import type { IndicatorMatch, LoadedBundle } from './types.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/test-all-kinds.stix2', import.meta.url));

function brief(matches: IndicatorMatch[]): string[] {
  return matches.map((match) => `${match.how}:${match.indicator.bundle.file}:${match.indicator.normalized}`);
}

describe('the shipped indicator set', () => {
  let index: IndicatorIndex;
  const bundle = (file: string): LoadedBundle => {
    const found = index.bundles().find((candidate) => candidate.file === file);
    if (found === undefined) throw new Error(`${file} not loaded`);
    return found;
  };

  beforeAll(async () => {
    index = await loadIndicatorSet({});
  });

  it('loads every shipped bundle, by name, with its digest', () => {
    expect(shippedIndicatorFolder()).toBe(fileURLToPath(new URL('../../iocs/', import.meta.url)));
    expect(index.bundles().map((loaded) => loaded.file)).toEqual([
      'android_campaign_2023.stix2',
      'candiru.stix2',
      'cellebrite.stix2',
      'coruna.stix2',
      'darksword.stix2',
      'eaglemsgspy.stix2',
      'kingspawn.stix2',
      'novispy.stix2',
      'operation_triangulation.stix2',
      'pegasus.stix2',
      'predator.stix2',
      'rcs.stix2',
      'residentbat.stix2',
      'wintego_helios.stix2',
      'wyrmspy_dragonegg.stix2',
    ]);
    expect(index.bundles().every((loaded) => loaded.origin === 'shipped')).toBe(true);
    // Digest prefixes as pinned in reference/artifacts.md §4.4.
    expect(bundle('pegasus.stix2').sha256).toBe('df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586');
    expect(bundle('predator.stix2').sha256.slice(0, 16)).toBe('74852711457069b3');
    expect(bundle('coruna.stix2').sha256.slice(0, 16)).toBe('0046552adf6127eb');
    expect(bundle('pegasus.stix2').path).toBe(path.join(shippedIndicatorFolder(), 'pegasus.stix2'));
  });

  it('reads Pegasus exactly as published', () => {
    const pegasus = bundle('pegasus.stix2');
    expect(pegasus.malware).toEqual(['Pegasus']);
    expect(pegasus.total).toBe(1549);
    expect(pegasus.counts).toEqual({ domain: 1438, process: 81, email: 29, 'file-name': 1 });
    expect(pegasus.skipped).toEqual([]);
  });

  it('counts the whole set', () => {
    expect(index.size()).toBe(5367);
    expect(index.countsByKind()).toEqual({
      domain: 4961,
      url: 1,
      ipv4: 52,
      process: 83,
      email: 65,
      'file-name': 15,
      'file-path': 49,
      'file-hash-sha256': 101,
      'app-id': 25,
      'app-cert-hash': 11,
      'configuration-profile': 1,
      'android-property': 3,
    });
  });

  it('reports the dangling Wintego Helios relationship and keeps all 175 indicators', () => {
    const wintego = bundle('wintego_helios.stix2');
    expect(wintego.total).toBe(175);
    expect(wintego.malware).toEqual(['Wintego Helios']);
    expect(wintego.skipped).toEqual([
      {
        stixId: 'relationship--d29f595a-fb78-4141-8099-2f7a7414bc31',
        reason:
          'objects[301].source_ref: relationship relationship--d29f595a-fb78-4141-8099-2f7a7414bc31 points at indicator--3eaf5002-09aa-476c-be2a-281a95b33f1a, which is not in the bundle',
      },
    ]);
  });

  it("indexes NoviSpy's seven IP domain values as ipv4, with a note", () => {
    const novispy = bundle('novispy.stix2');
    expect(novispy.counts).toEqual({ ipv4: 7, 'app-id': 4, 'app-cert-hash': 3, 'file-hash-sha256': 4 });
    const [match, ...rest] = index.matchIp('176.223.111.131');
    expect(rest).toEqual([]);
    expect(match?.indicator).toMatchObject({
      kind: 'ipv4',
      value: '176.223.111.131',
      malware: 'NoviSpy',
      note: 'IP address published as a domain-name value',
    });
    expect(brief(index.matchUrl('http://176.223.111.131:8080/upload'))).toEqual(['exact:novispy.stix2:176.223.111.131']);
    expect(index.matchUrl('http://176.223.111.13/')).toEqual([]);
  });

  it("handles Coruna's domain with a path, relative path and 'SHA-256' key", () => {
    const coruna = bundle('coruna.stix2');
    expect(coruna.counts).toEqual({ domain: 176, url: 1, 'file-hash-sha256': 20, 'file-path': 12, 'file-name': 7 });
    expect(coruna.skipped).toEqual([]);
    expect(brief(index.matchUrl('https://fgr1w2gnsdvsb.xyz/x/stage2'))).toEqual(['url-prefix:coruna.stix2:fgr1w2gnsdvsb.xyz/x']);
    expect(index.matchUrl('https://fgr1w2gnsdvsb.xyz/xyz')).toEqual([]);
    expect(index.matchUrl('https://fgr1w2gnsdvsb.xyz/')).toEqual([]);
    expect(brief(index.matchFileHash('05B5E4070B3B8A130B12EA96C5526B4615FCAE121BB802B1A10C3A7A70F39901'))).toEqual([
      'exact:coruna.stix2:05b5e4070b3b8a130b12ea96c5526b4615fcae121bb802b1a10c3a7a70f39901',
    ]);
    const prefs = index.matchFilePath('/var/mobile/Library/Preferences/com.apple.photolibraryd.plist');
    expect(brief(prefs)).toEqual([
      'exact:coruna.stix2:/private/var/mobile/Library/Preferences/com.apple.photolibraryd.plist',
      'relative-path:coruna.stix2:Library/Preferences/com.apple.photolibraryd.plist',
    ]);
    expect(prefs[1]?.indicator.caution).toBeDefined();
    expect(index.matchFileName('com.apple.photolibraryd.plist')[0]?.indicator.caution).toBeDefined();
  });

  it('loads both SHA-256 key spellings into one kind', () => {
    expect(index.matchFileHash('05b5e4070b3b8a130b12ea96c5526b4615fcae121bb802b1a10c3a7a70f39901')[0]?.indicator.pattern).toContain(
      "file:hashes.'SHA-256'",
    );
    const plain = index.matchFileHash(sha256Of('rcs.stix2'));
    expect(plain.length).toBe(1);
    expect(plain[0]?.indicator.pattern).toContain('file:hashes.sha256');
  });

  it('matches Pegasus domains on label boundaries only', () => {
    expect(brief(index.matchUrl('https://bun54l2b67.get1tn0w.free247downloads.com:30495/'))).toEqual([
      'parent-domain:pegasus.stix2:free247downloads.com',
    ]);
    expect(brief(index.matchUrl('bun54l2b67.get1tn0w.free247downloads.com:30495'))).toEqual([
      'parent-domain:pegasus.stix2:free247downloads.com',
    ]);
    expect(index.matchUrl('notfree247downloads.com')).toEqual([]);
    expect(index.matchUrl('free247downloads.com.example')).toEqual([]);
  });

  it('matches Pegasus process names exactly, and cut names by truncation', () => {
    expect(brief(index.matchProcess('bh'))).toEqual(['exact:pegasus.stix2:bh']);
    expect(index.matchProcess('bhx')).toEqual([]);
    expect(index.matchProcess('BH')).toEqual([]);
    expect(brief(index.matchProcess('CommsCenterRootH'))).toEqual(['truncated-process:pegasus.stix2:CommsCenterRootHelper']);
    expect(brief(index.matchProcess('CommsCenterRoot'))).toEqual(['truncated-process:pegasus.stix2:CommsCenterRootHelper']);
    expect(index.matchProcess('CommsCenterRoo')).toEqual([]);
    expect(brief(index.matchProcess('com.apple.avcapt'))).toEqual(['truncated-process:kingspawn.stix2:com.apple.avcapture']);
    expect(index.matchProcess('gatekeeperd')[0]?.indicator.caution?.text).toMatch(/Android/);
    expect(index.matchProcess('payload')[0]?.indicator.caution).toBeDefined();
    expect(brief(index.matchProcessInPath('/private/var/db/com.apple.xpc.roleaccountd.staging/bh'))).toEqual([
      'path-component:pegasus.stix2:bh',
    ]);
  });

  it('folds the case of e-mail addresses but never matches a longer one', () => {
    expect(brief(index.matchEmail('BERGERS.O79@GMAIL.COM'))).toEqual(['exact:pegasus.stix2:bergers.o79@gmail.com']);
    expect(index.matchEmail('Bergers.O79@gmail.com.evil')).toEqual([]);
  });

  it('matches Predator paths on a / boundary after canonicalisation, once each', () => {
    const predator = bundle('predator.stix2');
    expect(predator.counts['file-path']).toBe(12);
    expect(predator.skipped.map((entry) => entry.pattern)).toEqual([
      "[file:path='/private/var/tmp/l/']",
      "[file:path='/private/var/tmp/kusama.txt']",
      "[file:path='/private/var/tmp/etherium.txt']",
    ]);
    expect(brief(index.matchFilePath('/private/var/tmp/l/x'))).toEqual(['path-prefix:predator.stix2:/private/var/tmp/l']);
    expect(brief(index.matchFilePath('/tmp/l/x'))).toEqual(['path-prefix:predator.stix2:/private/var/tmp/l']);
    expect(brief(index.matchFilePath('/private/var/tmp/hooker'))).toEqual(['exact:predator.stix2:/private/var/tmp/hooker']);
    expect(index.matchFilePath('/private/var/tmp/lockdown.log')).toEqual([]);
    expect(index.matchFilePath('/private/var/tmp2/hooker')).toEqual([]);
    expect(brief(index.matchProfileId('76dab334-7e17-475d-a5d6-0794eb5818a5'))).toEqual([
      'exact:predator.stix2:76dab334-7e17-475d-a5d6-0794eb5818a5',
    ]);
  });

  it("indexes WyrmSpy's www.andropwn.xyz as andropwn.xyz, sub-domains included", () => {
    const [match] = index.matchDomain('andropwn.xyz');
    expect(match?.indicator).toMatchObject({ value: 'www.andropwn.xyz', normalized: 'andropwn.xyz', malware: 'WyrmSpy_DragonEgg' });
    expect(match?.how).toBe('exact');
    expect(brief(index.matchDomain('www.andropwn.xyz'))).toEqual(['exact:wyrmspy_dragonegg.stix2:andropwn.xyz']);
    // A sub-domain of www.andropwn.xyz is a sub-domain of andropwn.xyz.
    expect(brief(index.matchDomain('x.www.andropwn.xyz'))).toEqual(['parent-domain:wyrmspy_dragonegg.stix2:andropwn.xyz']);
    expect(index.matchDomain('andropwn.xyz.example')).toEqual([]);
    expect(index.matchDomain('notandropwn.xyz')).toEqual([]);
  });

  it('matches IPv4 exactly, never as a substring', () => {
    expect(brief(index.matchIp('5.129.230.104'))).toEqual(['exact:residentbat.stix2:5.129.230.104']);
    expect(index.matchIp('15.129.230.104')).toEqual([]);
    expect(index.matchIp('5.129.230.10')).toEqual([]);
  });

  it('returns every bundle that lists a value, in file-name order', () => {
    expect(brief(index.matchDomain('tribunnews.org'))).toEqual([
      'exact:android_campaign_2023.stix2:tribunnews.org',
      'exact:wintego_helios.stix2:tribunnews.org',
    ]);
    expect(brief(index.matchAndroidProperty('SYS.BRAND.NOTE'))).toEqual(['exact:android_campaign_2023.stix2:sys.brand.note']);
    expect(brief(index.matchAppId('com.client.appA'))).toEqual(['exact:cellebrite.stix2:com.client.appa']);
  });
});

/** The first sha256 value published in a shipped bundle, read straight from its text. */
function sha256Of(file: string): string {
  const text = readFileSync(path.join(shippedIndicatorFolder(), file), 'utf8');
  const found = /file:hashes\.sha256='([0-9a-f]{64})'/.exec(text);
  if (found?.[1] === undefined) throw new Error(`no sha256 in ${file}`);
  return found[1];
}

describe('loadIndicatorSet with user bundles', () => {
  let work: string;
  const fixtureSha = createHash('sha256').update(readFileSync(FIXTURE)).digest('hex');
  const ipBundle = JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      { type: 'malware', id: 'malware--1', name: 'IpTest' },
      { type: 'indicator', id: 'indicator--1', pattern: "[ipv4-addr:value = '1.1.1.1']" },
      { type: 'relationship', id: 'relationship--1', relationship_type: 'indicates', source_ref: 'indicator--1', target_ref: 'malware--1' },
    ],
  });

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'exhibit-iocs-'));
    mkdirSync(path.join(work, 'feeds', 'nested'), { recursive: true });
    mkdirSync(path.join(work, 'feeds', '.git'));
    writeFileSync(path.join(work, 'feeds', 'nested', 'ip.json'), ipBundle);
    copyFileSync(FIXTURE, path.join(work, 'feeds', 'copy-of-fixture.STIX2'));
    writeFileSync(path.join(work, 'feeds', 'notes.txt'), 'not an indicator file');
    writeFileSync(path.join(work, 'feeds', '.git', 'config.json'), '{"not": "a bundle"}');
    writeFileSync(path.join(work, 'broken.stix2'), '{"type": "bundle", "objects": [');
    writeFileSync(path.join(work, 'not-a-bundle.json'), '{"indicators": []}');
    mkdirSync(path.join(work, 'empty'));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('loads --iocs files alone when the shipped set is off', async () => {
    const index = await loadIndicatorSet({ files: [FIXTURE], includeShipped: false });
    expect(index.bundles()).toHaveLength(1);
    expect(index.bundles()[0]).toMatchObject({
      file: 'test-all-kinds.stix2',
      path: FIXTURE,
      sha256: fixtureSha,
      origin: 'option',
      malware: ['TestSpy', 'Test Report'],
      total: 29,
    });
    expect(index.bundles()[0]?.skipped).toHaveLength(6);
    expect(index.matchDomain('evil.example')[0]?.indicator.bundle).toEqual({ file: 'test-all-kinds.stix2', sha256: fixtureSha });
  });

  it('searches EXHIBIT_IOCS folders recursively for .stix2 and .json, skipping hidden folders', async () => {
    const environment = [path.join(work, 'feeds'), '', path.join(work, 'feeds', 'nested', 'ip.json')].join(path.delimiter);
    const index = await loadIndicatorSet({ environment, includeShipped: false });
    // ip.json is reached twice (folder and file) and loaded once.
    expect(index.bundles().map((loaded) => `${loaded.origin}:${loaded.file}`)).toEqual([
      'environment:copy-of-fixture.STIX2',
      'environment:ip.json',
    ]);
    expect(index.matchIp('1.1.1.1')[0]?.indicator.malware).toBe('IpTest');
    expect(index.matchIp('11.1.1.12')).toEqual([]);
    expect(index.matchUrl('http://11.1.1.12/')).toEqual([]);
  });

  it('loads the same bytes once, whoever names them', async () => {
    const index = await loadIndicatorSet({
      files: [FIXTURE, path.join(work, 'feeds', 'copy-of-fixture.STIX2')],
      environment: path.join(work, 'feeds'),
      includeShipped: true,
    });
    const files = index.bundles().map((loaded) => `${loaded.origin}:${loaded.file}`);
    expect(files.filter((file) => file.includes('fixture') || file.includes('test-all-kinds'))).toEqual([
      'environment:copy-of-fixture.STIX2',
    ]);
    expect(index.bundles()).toHaveLength(17);
  });

  it('stops with a one-sentence IndicatorError naming the file', async () => {
    const failure = async (options: Parameters<typeof loadIndicatorSet>[0]): Promise<IndicatorError> => {
      try {
        await loadIndicatorSet({ includeShipped: false, ...options });
      } catch (error) {
        if (error instanceof IndicatorError) return error;
        throw error;
      }
      throw new Error('loaded without error');
    };
    const missing = path.join(work, 'missing.stix2');
    const cases: Array<[Parameters<typeof loadIndicatorSet>[0], string, string]> = [
      [{ files: [missing] }, 'INDICATOR_FILE_UNREADABLE', `The indicator file ${missing} does not exist; check the path given with --iocs.`],
      [{ environment: missing }, 'INDICATOR_FILE_UNREADABLE', `The indicator file ${missing} does not exist; check the EXHIBIT_IOCS setting.`],
      [
        { files: [path.join(work, 'not-a-bundle.json')] },
        'INDICATOR_FILE_INVALID',
        `The indicator file ${path.join(work, 'not-a-bundle.json')} is not a STIX2 bundle (type: expected 'bundle', objects: expected a list); give a file whose top level has "type": "bundle" and an "objects" list, or check the path given with --iocs.`,
      ],
      [
        { environment: path.join(work, 'empty') },
        'INDICATOR_FILE_UNREADABLE',
        `The indicator folder ${path.join(work, 'empty')} holds no .stix2 or .json file; add bundles to it or check the EXHIBIT_IOCS setting.`,
      ],
    ];
    for (const [options, code, message] of cases) {
      const error = await failure(options);
      expect(error.code).toBe(code);
      expect(error.message).toBe(message);
    }
    const broken = await failure({ files: [path.join(work, 'broken.stix2')] });
    expect(broken.code).toBe('INDICATOR_FILE_INVALID');
    expect(broken.message).toMatch(new RegExp(`^The indicator file ${escape(path.join(work, 'broken.stix2'))} is not valid JSON \\(.*\\); give a STIX2 bundle or check the path given with --iocs\\.$`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

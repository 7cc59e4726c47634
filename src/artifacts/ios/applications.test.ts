import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist, xmlPlist } from '../../../test/builders/ios-backup.js';
import { applicationsExtractor, readApplications } from './applications.js';
import { applicationsRules } from '../../detection/rules/applications.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import { decodePlist } from '../../formats/plist-decode.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';
import type { ArtifactIssue } from '../types.js';

function storeMetadata(bundleId: string, name: string, sourceApp?: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    softwareVersionBundleId: bundleId,
    itemName: name,
    artistName: 'Example Developer',
    bundleShortVersionString: '2.3.1',
    bundleVersion: '231',
    'com.apple.iTunesStore.downloadInfo': {
      purchaseDate: '2022-03-04T05:06:07Z',
      accountInfo: { AppleID: 'owner@example.org', DSPersonID: 12345 },
    },
  };
  if (sourceApp !== undefined) metadata['sourceApp'] = sourceApp;
  return metadata;
}

describe('applications extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  const spec = {
    files: [],
    applications: {
      'com.example.reader': { iTunesMetadata: storeMetadata('com.example.reader', 'Reader', 'com.apple.AppStore') },
      'com.example.corp': { iTunesMetadata: storeMetadata('com.example.corp', 'Corp Tools', 'com.apple.dmd') },
      'com.example.beta': { iTunesMetadata: storeMetadata('com.example.beta', 'Beta', 'com.apple.TestFlight') },
      // RCS Lab's implant, sideloaded with an enterprise certificate.
      'com.vodaservices': { iTunesMetadata: storeMetadata('com.vodaservices', 'Servizi', 'com.example.enterprise') },
      'com.example.old': { iTunesMetadata: { itemName: 'Old', artistName: 'Nobody' } },
      'com.example.nometa': {},
    },
  };

  it('yields one record per app with the store metadata and no account details', async () => {
    const { records, issues } = await extractFromBackup(spec, applicationsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['bundle_id'])).toEqual([
      'com.example.beta',
      'com.example.corp',
      'com.example.nometa',
      'com.example.old',
      'com.example.reader',
      'com.vodaservices',
    ]);
    const reader = records[4]!;
    expect(reader.fields).toEqual({
      bundle_id: 'com.example.reader',
      listed_bundle_id: 'com.example.reader',
      has_metadata: true,
      missing_bundle_id: false,
      name: 'Reader',
      artist: 'Example Developer',
      version: '2.3.1',
      source_app: 'com.apple.AppStore',
      installed_from_store: true,
      purchase_date: '2022-03-04T05:06:07.000000Z',
      placeholder_icon_sha256: null,
      in_installed_list: true,
    });
    expect(JSON.stringify(records)).not.toContain('owner@example.org');
    expect(reader.times).toEqual([{ at: '2022-03-04T05:06:07.000000Z', meaning: 'purchased' }]);
    expect(reader.origin).toMatchObject({
      path: 'Info.plist',
      stored: 'Info.plist',
      locator: { kind: 'plist', keyPath: ['Applications', 'com.example.reader', 'iTunesMetadata'] },
    });
    expect(records[2]!.fields).toMatchObject({ has_metadata: false, missing_bundle_id: false, installed_from_store: null, name: null });
    expect(records[2]!.origin.locator).toEqual({ kind: 'plist', keyPath: ['Applications', 'com.example.nometa'] });
    expect(records[3]!.fields).toMatchObject({ bundle_id: 'com.example.old', missing_bundle_id: true, installed_from_store: null, version: null });
  });

  it('flags sideloaded apps and missing bundle ids without indicators, and matches app ids', async () => {
    const { records } = await extractFromBackup(spec, applicationsExtractor);
    const detector = new Detector(applicationsRules, index);
    const fired = records.flatMap((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.value, f.severity, f.indicator?.malware ?? null]));
    expect(fired).toEqual([
      ['ios.applications.sideloaded', 'com.apple.TestFlight', 'medium', null],
      ['ios.applications.missing-bundle-id', 'com.example.old', 'medium', null],
      ['ios.applications.app-id', 'com.vodaservices', 'critical', 'RCSLab'],
      ['ios.applications.sideloaded', 'com.example.enterprise', 'medium', null],
    ]);
  });

  it('reads XML metadata, hashes the placeholder icon, lists installed apps without an entry and survives bad metadata', () => {
    const icon = Buffer.from('89504e470d0a1a0a', 'hex');
    const info = decodePlist(
      binaryPlist({
        'Installed Applications': ['com.example.xml', 'com.example.bare', 'com.example.bare', 'constructor', 7],
        Applications: {
          'com.example.xml': {
            iTunesMetadata: xmlPlist({ softwareVersionBundleId: 'com.example.xml', sourceApp: 'dmd', purchaseDate: new Date('2021-01-01T00:00:00Z') }),
            PlaceholderIcon: icon,
          },
          'com.example.broken': { iTunesMetadata: Buffer.from('bplist00 broken') },
        },
      }),
    );
    const digest = { path: 'Info.plist', stored: 'Info.plist', size: 1, sha256: '0'.repeat(64) };
    const issues: ArtifactIssue[] = [];
    const records = [...readApplications(info, digest, { issue: (i) => issues.push(i) })];
    expect(records.map((r) => [r.fields['bundle_id'], r.fields['has_metadata'], r.fields['in_installed_list']])).toEqual([
      ['com.example.broken', false, false],
      ['com.example.xml', true, true],
      ['com.example.bare', false, true],
      ['constructor', false, true],
    ]);
    expect(records[1]!.fields).toMatchObject({
      installed_from_store: true,
      purchase_date: '2021-01-01T00:00:00.000000Z',
      placeholder_icon_sha256: createHash('sha256').update(icon).digest('hex'),
    });
    expect(records[2]!.origin.locator).toEqual({ kind: 'plist', keyPath: ['Installed Applications', '1'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'corrupt', path: 'Info.plist' });
    expect(issues[0]!.message).toMatch(/^iTunesMetadata of com\.example\.broken could not be read: /);
  });

  it('reports an Info.plist that is not a dictionary', () => {
    const digest = { path: 'Info.plist', stored: 'Info.plist', size: 1, sha256: '0'.repeat(64) };
    expect(() => [...readApplications(['x'], digest)]).toThrow('unsupported schema: Info.plist is not a dictionary');
  });

  it('yields nothing for a backup without applications', async () => {
    const { records, issues } = await extractFromBackup({ files: [] }, applicationsExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([]);
  });
});

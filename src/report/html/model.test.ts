import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcquisitionInfo } from '../../acquisition/acquisition.js';
import type { ArtifactRecord } from '../../artifacts/types.js';
import { Detector } from '../../detection/engine.js';
import type { Finding } from '../../detection/finding.js';
import { RULES } from '../../detection/rule-set.js';
import { loadIndicatorSet, shippedIndicatorFolder } from '../../indicators/load.js';
import type { LoadedBundle } from '../../indicators/types.js';
import { parsed, writeResultsFolder } from '../../../test/support/results-folder.js';
import { tempDirs } from '../../../test/support/temp.js';
import { buildReportModel } from './model.js';
import { MASK } from './redact.js';

const newDir = tempDirs();

const INFO: AcquisitionInfo = {
  kind: 'ios-backup',
  name: '00008030-000DE30000000001',
  device: {
    udid: '00008030-000DE30000000001',
    deviceName: 'Phone of Leila',
    productType: 'iPhone12,1',
    productName: 'iPhone 11',
    productVersion: '14.6',
    serialNumber: 'F00DEMO00001',
    phoneNumber: '+33 6 00 00 00 01',
  },
  backup: { date: '2021-07-20T08:00:00.000000Z', encrypted: false },
};

const SMS_DB = { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28', sha256: 'a'.repeat(64) };
const USAGE_DB = { path: 'WirelessDomain/Library/Databases/DataUsage.sqlite', stored: '0d/0d609c54856a9bb2d56729df1d68f2958a88426b', sha256: 'b'.repeat(64) };

function sms(rowid: number, at: string, text: string, links: string[] = []): ArtifactRecord {
  return {
    artifact: 'sms',
    times: [{ at, meaning: 'received' }],
    fields: { rowid, service: 'SMS', direction: 'received', handle: `+3360000000${rowid}`, text, links },
    origin: { ...SMS_DB, locator: { kind: 'sqlite', table: 'message', rowid: String(rowid) } },
  };
}

function usage(pk: number, at: string, name: string): ArtifactRecord {
  return {
    artifact: 'datausage',
    times: [
      { at, meaning: 'first used' },
      { at: '2021-07-14T12:00:00.000000Z', meaning: 'last used' },
    ],
    fields: { kind: 'process', process_pk: pk, process: name, proc_name_raw: name, proc_bundle: null, first_used: at },
    origin: { ...USAGE_DB, locator: { kind: 'sqlite', table: 'ZPROCESS', rowid: String(pk) } },
  };
}

const RECORDS: ArtifactRecord[] = [
  sms(1, '2021-07-13T18:00:00.000000Z', 'See you tomorrow, call +33 6 11 22 33 44'),
  sms(2, '2021-07-14T08:00:00.000000Z', 'ok'),
  sms(3, '2021-07-14T09:58:00.000000Z', 'Your parcel is waiting: https://baramije.net/Qw3rTy', ['https://baramije.net/Qw3rTy']),
  sms(4, '2021-07-14T10:30:00.000000Z', 'thanks'),
  sms(5, '2021-07-15T07:00:00.000000Z', 'mail me at leila@example.org'),
  usage(1, '2021-06-01T08:00:00.000000Z', 'mDNSResponder'),
  usage(2, '2021-07-14T10:02:10.000000Z', 'bh'),
];

let findings: Finding[] = [];
let bundles: readonly LoadedBundle[] = [];
let dir = '';

beforeAll(async () => {
  const index = await loadIndicatorSet({
    files: [join(shippedIndicatorFolder(), 'pegasus.stix2')],
    includeShipped: false,
    cacheFolder: null,
  });
  bundles = index.bundles();
  const detector = new Detector(RULES, index);
  findings = RECORDS.flatMap((record) => detector.inspect(record));
  dir = writeResultsFolder(newDir(), {
    info: INFO,
    records: RECORDS,
    findings,
    bundles,
    coverage: [parsed('sms', 'Messages (SMS, MMS, iMessage)', 5, [SMS_DB.path]), parsed('datausage', 'Network usage per process', 2, [USAGE_DB.path])],
  });
});

describe('the report model', () => {
  it('reads the verdict, the counts and the period from the results folder', async () => {
    const model = await buildReportModel(dir);
    expect(findings.map((f) => [f.rule.id, f.matched.value])).toEqual([
      ['ios.sms.link-indicator', 'https://baramije.net/Qw3rTy'],
      ['ios.datausage.process', 'bh'],
    ]);
    expect(model.verdict).toEqual({ level: 'strong', malware: ['Pegasus'], unnamed: false });
    expect(model.records).toBe(7);
    expect(model.range).toEqual({ first: '2021-06-01T08:00:00.000000Z', last: '2021-07-15T07:00:00.000000Z' });
    expect(model.indicatorTotal).toBe(bundles[0]?.total);
    expect(model.redacted).toBe(false);
    expect(model.seal).toEqual({ state: 'absent' });
  });

  it('finds each finding\'s record and the records around it in file order', async () => {
    const model = await buildReportModel(dir);
    const link = model.findings.find((item) => item.finding.rule.id === 'ios.sms.link-indicator');
    expect(link?.record?.fields['rowid']).toBe(3);
    expect(link?.before.map((row) => [row.offset, row.locator])).toEqual([
      [-2, { kind: 'sqlite', table: 'message', rowid: '1' }],
      [-1, { kind: 'sqlite', table: 'message', rowid: '2' }],
    ]);
    expect(link?.after.map((row) => [row.offset, row.summary])).toEqual([
      [1, 'text=thanks; service=SMS; handle=+33600000004'],
      [2, 'text=mail me at leila@example.org; service=SMS; handle=+33600000005'],
    ]);
    const process = model.findings.find((item) => item.finding.rule.id === 'ios.datausage.process');
    // Neighbours stay within the artifact: the SMS records are not datausage's neighbours.
    expect(process?.before.map((row) => row.offset)).toEqual([-1]);
    expect(process?.after).toEqual([]);
  });

  it('embeds the timeline as sorted columns with the finding rows marked', async () => {
    const { timeline, findings: items } = await buildReportModel(dir);
    const times: string[] = [];
    let at = timeline.t0;
    for (const delta of timeline.t) {
      at += delta;
      times.push(new Date(at).toISOString());
    }
    expect(times).toEqual([
      '2021-06-01T08:00:00.000Z',
      '2021-07-13T18:00:00.000Z',
      '2021-07-14T08:00:00.000Z',
      '2021-07-14T09:58:00.000Z',
      '2021-07-14T10:02:10.000Z',
      '2021-07-14T10:30:00.000Z',
      '2021-07-14T12:00:00.000Z',
      '2021-07-14T12:00:00.000Z',
      '2021-07-15T07:00:00.000Z',
    ]);
    expect(Array.from(timeline.a, (a) => timeline.artifacts[a])).toEqual([
      'datausage', 'sms', 'sms', 'sms', 'datausage', 'sms', 'datausage', 'datausage', 'sms',
    ]);
    expect(Array.from(timeline.m, (m) => timeline.meanings[m])).toEqual([
      'first used', 'received', 'received', 'received', 'first used', 'received', 'last used', 'last used', 'received',
    ]);
    // Sources in the order the records files are read (datausage.jsonl before sms.jsonl).
    expect(timeline.sources.map((source) => source.path)).toEqual([USAGE_DB.path, SMS_DB.path]);
    expect(timeline.sources[1]?.locator).toEqual({ kind: 'sqlite', table: 'message', rowid: '{n}' });
    // At the same time, rows sort by summary: process=bh before process=mDNSResponder.
    expect(Array.from(timeline.n)).toEqual([1, 1, 2, 3, 2, 4, 2, 1, 5]);
    const linkIndex = items.findIndex((item) => item.finding.rule.id === 'ios.sms.link-indicator');
    const bhIndex = items.findIndex((item) => item.finding.rule.id === 'ios.datausage.process');
    // Both times of the bh process record carry its finding.
    expect(timeline.findingRows).toEqual([
      [3, linkIndex],
      [4, bhIndex],
      [6, bhIndex],
    ]);
  });

  it('redacts personal values everywhere but in matched values', async () => {
    const model = await buildReportModel(dir, { redact: true });
    expect(model.redacted).toBe(true);
    expect(model.acquisition.name).toBe(MASK);
    expect(model.acquisition.device).toEqual({
      udid: MASK,
      deviceName: MASK,
      productType: 'iPhone12,1',
      productName: 'iPhone 11',
      productVersion: '14.6',
      serialNumber: MASK,
      phoneNumber: MASK,
    });
    const link = model.findings.find((item) => item.finding.rule.id === 'ios.sms.link-indicator');
    expect(link?.finding.matched.value).toBe('https://baramije.net/Qw3rTy');
    expect(link?.record?.fields['text']).toBe(MASK);
    expect(link?.record?.fields['handle']).toBe(MASK);
    expect(link?.record?.fields['links']).toEqual(['https://baramije.net/Qw3rTy']);
    const everything = JSON.stringify(model);
    for (const secret of ['+3360000000', 'leila@example.org', 'Phone of Leila', 'F00DEMO00001', '00008030-000DE30000000001', 'Your parcel', '+33 6 11']) {
      expect(everything).not.toContain(secret);
    }
  });
});

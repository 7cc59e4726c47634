import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildTccDb } from '../../../test/builders/ios/tcc-db.js';
import { tccExtractor } from './tcc.js';
import { tccRules } from '../../detection/rules/tcc.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const DOMAIN = 'HomeDomain';
const PATH = 'Library/TCC/TCC.db';
const MODIFIED = 1_626_256_800; // 2021-07-14T10:00:00Z

function backup(content: Buffer | string) {
  return { files: [{ domain: DOMAIN, relativePath: PATH, content }] };
}

describe('tcc extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  const v3 = () =>
    buildTccDb({
      access: [
        { service: 'kTCCServiceCamera', client: 'com.example.chat', authValue: 2, authReason: 2, lastModified: MODIFIED },
        { service: 'kTCCServiceMicrophone', client: '/private/var/db/com.apple.xpc.roleaccountd.staging/rolexd', clientType: 1, authValue: 2, authReason: 4, lastModified: MODIFIED + 60 },
        { service: 'kTCCServicePhotos', client: 'com.example.gallery', authValue: 3, authReason: 12, lastModified: MODIFIED + 120 },
        { service: 'kTCCServiceLiverpool', client: 'com.serv.services', authValue: 0, authReason: 99, lastModified: MODIFIED + 180 },
        { service: 'kTCCServiceMotion', client: '/private/var/tmp/UserEventAgent', clientType: 1, authValue: 1, authReason: 5, lastModified: MODIFIED + 240 },
        { service: 'kTCCServiceMotion', client: '/private/var/tmp2/hooker', clientType: 1, authValue: 2, authReason: 2, lastModified: MODIFIED + 300 },
      ],
    });

  it('reads the v3 schema with named values', async () => {
    const { records, issues } = await extractFromBackup(backup(v3()), tccExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(6);
    expect(records[0]!.fields).toEqual({
      schema: 'v3',
      service: 'kTCCServiceCamera',
      client: 'com.example.chat',
      client_type: 'bundle_id',
      client_process: 'com.example.chat',
      auth_value: 'allowed',
      auth_reason: 'user_consent',
      allowed: true,
      prompt_count: null,
      indirect_object: null,
      last_modified: '2021-07-14T10:00:00.000000Z',
    });
    expect(records[0]!.times).toEqual([{ at: '2021-07-14T10:00:00.000000Z', meaning: 'permission changed' }]);
    expect(records[0]!.origin).toMatchObject({
      path: `${DOMAIN}/${PATH}`,
      stored: '64/64d0019cb3d46bfc8cce545a8ba54b93e7ea9347',
      locator: { kind: 'sqlite', table: 'access', rowid: '1' },
    });
    expect(records[1]!.fields).toMatchObject({ client_type: 'absolute_path', client_process: 'rolexd', auth_reason: 'system_set' });
    expect(records[2]!.fields).toMatchObject({ auth_value: 'limited', auth_reason: 'app_type_policy', allowed: true });
    expect(records[3]!.fields).toMatchObject({ auth_value: 'denied', auth_reason: '99', allowed: false });
    expect(records[4]!.fields).toMatchObject({ auth_value: 'unknown', auth_reason: 'service_policy', allowed: null });
  });

  it('matches the client as a process, a path and an app id, and not near misses', async () => {
    const { records } = await extractFromBackup(backup(v3()), tccExtractor);
    const detector = new Detector(tccRules, index);
    const fired = records.flatMap((r) =>
      detector.inspect(r).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.indicator?.malware ?? null]),
    );
    expect(fired).toEqual([
      ['ios.tcc.process', 'client_process', 'rolexd', 'critical', 'Pegasus'],
      ['ios.tcc.app-id', 'client', 'com.serv.services', 'critical', 'NoviSpy'],
      ['ios.tcc.file-path', 'client', '/private/var/tmp/UserEventAgent', 'critical', 'Predator'],
    ]);
  });

  it('reads the v2 schema (allowed, prompt_count, last_modified)', async () => {
    const db = buildTccDb({
      variant: 'v2',
      access: [
        { service: 'kTCCServiceAddressBook', client: 'com.example.contacts', allowed: 1, promptCount: 2, lastModified: MODIFIED },
        { service: 'kTCCServiceCamera', client: 'bh', allowed: 0, promptCount: 1, lastModified: MODIFIED },
      ],
    });
    const { records, issues } = await extractFromBackup(backup(db), tccExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      {
        schema: 'v2',
        service: 'kTCCServiceAddressBook',
        client: 'com.example.contacts',
        client_type: 'bundle_id',
        client_process: 'com.example.contacts',
        auth_value: null,
        auth_reason: null,
        allowed: true,
        prompt_count: 2,
        indirect_object: null,
        last_modified: '2021-07-14T10:00:00.000000Z',
      },
      {
        schema: 'v2',
        service: 'kTCCServiceCamera',
        client: 'bh',
        client_type: 'bundle_id',
        client_process: 'bh',
        auth_value: null,
        auth_reason: null,
        allowed: false,
        prompt_count: 1,
        indirect_object: null,
        last_modified: '2021-07-14T10:00:00.000000Z',
      },
    ]);
    const detector = new Detector(tccRules, index);
    expect(records.flatMap((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.value]))).toEqual([['ios.tcc.process', 'bh']]);
  });

  it('reads the v1 schema, which has no time', async () => {
    const db = buildTccDb({ variant: 'v1', access: [{ service: 'kTCCServicePhotos', client: 'com.example.old', allowed: 1, promptCount: 1 }] });
    const { records, issues } = await extractFromBackup(backup(db), tccExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.fields).toMatchObject({ schema: 'v1', allowed: true, prompt_count: 1, last_modified: null });
    expect(records[0]!.times).toEqual([]);
  });

  it('reports an unknown access layout, a missing table and a corrupt file as issues', async () => {
    const odd = sqliteBytes((d) => d.exec('CREATE TABLE access (service TEXT, client TEXT, decision INTEGER)'));
    const a = await extractFromBackup(backup(odd), tccExtractor);
    expect(a.records).toEqual([]);
    expect(a.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: access table columns service, client, decision' },
    ]);

    const none = sqliteBytes((d) => d.exec('CREATE TABLE admin (key TEXT, value INTEGER)'));
    const b = await extractFromBackup(backup(none), tccExtractor);
    expect(b.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: no access table (tables: admin)' },
    ]);

    const c = await extractFromBackup(backup(v3().subarray(0, 2048)), tccExtractor);
    expect(c.records).toEqual([]);
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${PATH}` });
  });
});

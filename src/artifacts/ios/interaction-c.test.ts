import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes, type BackupFileSpec } from '../../../test/builders/ios-backup.js';
import { buildInteractionCDb, type InteractionCSpec, type InteractionCVariant } from '../../../test/builders/ios/interactionc-db.js';
import { buildContactsV2Db, buildLidDb } from '../../../test/builders/ios/whatsapp-db.js';
import { interactionCExtractor } from './interaction-c.js';
import { interactionCRules } from '../../detection/rules/interaction-c.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord } from '../types.js';

const PATH = 'HomeDomain/Library/CoreDuet/People/interactionC.db';
const WA = 'AppDomainGroup-group.net.whatsapp.WhatsApp.shared';

function file(content: Buffer | string): BackupFileSpec {
  return { domain: 'HomeDomain', relativePath: 'Library/CoreDuet/People/interactionC.db', content };
}

function spec(variant: InteractionCVariant, entities?: InteractionCSpec['entities']): InteractionCSpec {
  return {
    variant,
    entities,
    contacts: [
      // Pegasus iMessage account (artifacts.md §5.1).
      {
        pk: 1,
        displayName: null,
        identifier: 'bergers.o79@gmail.com',
        incomingSenderCount: 2,
        creationDate: 700_000_000,
        firstIncomingSenderDate: 700_000_000,
        lastIncomingSenderDate: 700_000_060,
      },
      { pk: 2, displayName: 'Bob', identifier: '+41790000002', personId: 'ABC-123', outgoingRecipientCount: 3 },
      // Triangulation account (artifacts.md §5.3), as a mail recipient.
      { pk: 3, displayName: 'Travis', identifier: 'mailto:travislong544@yahoo.com' },
      { pk: 4, displayName: 'Hidden', identifier: '987654321012345@lid' },
      // Near-miss from artifacts.md §5.7.
      { pk: 5, identifier: 'Bergers.O79@gmail.com.evil' },
    ],
    interactions: [
      {
        pk: 1,
        sender: 1,
        bundleId: 'com.apple.MobileSMS',
        targetBundleId: 'com.apple.MobileSMS',
        account: 'e:user@icloud.com',
        direction: 0,
        mechanism: 4,
        recipientCount: 1,
        domainIdentifier: 'iMessage;-;bergers.o79@gmail.com',
        startDate: 700_000_000,
        endDate: 700_000_000,
        creationDate: 700_003_600,
        recipients: [2],
        attachments: [1, 2],
        groupName: null,
        derivedIntentIdentifier: 'INSendMessageIntent',
      },
      { pk: 2, bundleId: 'net.whatsapp.WhatsApp', direction: 1, recipientCount: 2, startDate: 700_000_120, creationDate: 700_000_120, recipients: [4, 2], groupName: 'Press group' },
      { pk: 3, bundleId: 'com.apple.mobilemail', direction: 1, recipientCount: 1, startDate: 700_000_180, recipients: [3] },
      { pk: 4, sender: 5, bundleId: 'com.apple.MobileSMS', direction: 0, startDate: 700_000_240 },
      { pk: 5, bundleId: 'com.apple.mobilephone', direction: 2, startDate: 700_000_300 },
    ],
    attachments: [
      { pk: 1, uti: 'public.jpeg', contentUrl: 'file:///var/mobile/Library/SMS/Attachments/ab/01/IMG_0001.jpeg', sizeInBytes: 1000, identifier: Buffer.from([0xde, 0xad, 0xbe, 0xef]), photoLocalIdentifier: 'PHOTO-1' },
      { pk: 2, uti: 'public.url', contentText: 'https://cnn.gr.com/x', sizeInBytes: 20, cloudIdentifier: 'CLOUD-2' },
    ],
  };
}

const WHATSAPP_FILES: BackupFileSpec[] = [
  { domain: WA, relativePath: 'LID.sqlite', content: buildLidDb([{ pk: 1, lid: '987654321012345', phoneNumber: '41795550199' }]) },
];

function byPk(records: ArtifactRecord[], pk: number): ArtifactRecord {
  const record = records.find((r) => r.fields['interaction_pk'] === pk);
  if (!record) throw new Error(`no interaction ${pk}`);
  return record;
}

describe('interaction_c extractor', () => {
  it('reads the iOS 13+ schema: one record per interaction, recipients and attachments folded in', async () => {
    const { records, issues } = await extractFromBackup({ files: [file(buildInteractionCDb(spec('ios13'))), ...WHATSAPP_FILES] }, interactionCExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['interaction_pk'])).toEqual([1, 2, 3, 4, 5]);
    const first = byPk(records, 1);
    expect(first.artifact).toBe('interaction_c');
    expect(first.origin.path).toBe(PATH);
    expect(first.origin.stored).toBe('1f/1f5a521220a3ad80ebfdc196978df8e7a2e49dee');
    expect(first.origin.locator).toEqual({ kind: 'sqlite', table: 'ZINTERACTIONS', rowid: '1' });
    expect(first.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'started' },
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'ended' },
      { at: '2023-03-08T21:26:40.000000Z', meaning: 'recorded' },
    ]);
    expect(first.fields).toEqual({
      interaction_pk: 1,
      bundle_id: 'com.apple.MobileSMS',
      target_bundle_id: 'com.apple.MobileSMS',
      account: 'e:user@icloud.com',
      domain_identifier: 'iMessage;-;bergers.o79@gmail.com',
      direction: 'incoming',
      direction_code: 0,
      mechanism: 4,
      is_response: false,
      recipient_count: 1,
      content_url: null,
      location_uuid: null,
      group_name: null,
      derived_intent_id: 'INSendMessageIntent',
      recorded_after_start_seconds: 3600,
      sender_display_name: null,
      sender_identifier: 'bergers.o79@gmail.com',
      sender_person_id: null,
      sender_custom_id: null,
      sender_whatsapp_phone: null,
      sender_incoming_recipient_count: 0,
      sender_incoming_sender_count: 2,
      sender_outgoing_recipient_count: 0,
      sender_created: '2023-03-08T20:26:40.000000Z',
      sender_first_incoming_sender: '2023-03-08T20:26:40.000000Z',
      sender_last_incoming_sender: '2023-03-08T20:27:40.000000Z',
      sender_first_incoming_recipient: null,
      sender_last_incoming_recipient: null,
      sender_first_outgoing_recipient: null,
      sender_last_outgoing_recipient: null,
      recipient_display_names: ['Bob'],
      recipient_identifiers: ['+41790000002'],
      recipient_person_ids: ['ABC-123'],
      recipient_whatsapp_phones: [],
      emails: ['bergers.o79@gmail.com'],
      attachment_count: 2,
      attachment_utis: ['public.jpeg', 'public.url'],
      attachment_content_urls: ['file:///var/mobile/Library/SMS/Attachments/ab/01/IMG_0001.jpeg'],
      attachment_content_texts: ['https://cnn.gr.com/x'],
      attachment_ids: ['DEADBEEF'],
      attachment_cloud_ids: ['CLOUD-2'],
      attachment_photo_local_ids: ['PHOTO-1'],
      attachment_bytes: 1020,
    });
    const whatsapp = byPk(records, 2).fields;
    expect(whatsapp['direction']).toBe('outgoing');
    expect(whatsapp['group_name']).toBe('Press group');
    expect(whatsapp['sender_identifier']).toBeNull();
    expect(whatsapp['recipient_identifiers']).toEqual(['+41790000002', '987654321012345@lid']);
    expect(whatsapp['recipient_whatsapp_phones']).toEqual(['+41795550199']);
    expect(whatsapp['recorded_after_start_seconds']).toBe(0);
    expect(byPk(records, 3).fields['emails']).toEqual(['travislong544@yahoo.com']);
    // Shaped like an address, so it is checked — and must not match (see the rule test).
    expect(byPk(records, 4).fields['emails']).toEqual(['Bergers.O79@gmail.com.evil']);
    expect(byPk(records, 5).fields).toMatchObject({ direction: null, direction_code: 2, attachment_count: 0, attachment_bytes: null, recipient_identifiers: [] });
  });

  it('finds the join tables whatever entity numbers the model gave them', async () => {
    const { records, issues } = await extractFromBackup(
      { files: [file(buildInteractionCDb(spec('ios13', { attachment: 4, contacts: 7, interactions: 9 })))] },
      interactionCExtractor,
    );
    expect(issues).toEqual([]);
    expect(byPk(records, 1).fields).toMatchObject({ recipient_identifiers: ['+41790000002'], attachment_count: 2 });
    // Without WhatsApp's databases in the backup the LID stays unresolved.
    expect(byPk(records, 2).fields).toMatchObject({ recipient_identifiers: ['+41790000002', '987654321012345@lid'], recipient_whatsapp_phones: [] });
  });

  it('resolves LIDs through ContactsV2.sqlite too', async () => {
    const contacts = buildContactsV2Db([{ pk: 1, whatsappId: '41795550777@s.whatsapp.net', lid: '987654321012345@lid' }]);
    const { records } = await extractFromBackup(
      { files: [file(buildInteractionCDb(spec('ios13'))), { domain: WA, relativePath: 'ContactsV2.sqlite', content: contacts }] },
      interactionCExtractor,
    );
    expect(byPk(records, 2).fields['recipient_whatsapp_phones']).toEqual(['+41795550777']);
  });

  it('reads the iOS 12 schema: joins without group names, intents or photo identifiers', async () => {
    const { records, issues } = await extractFromBackup({ files: [file(buildInteractionCDb(spec('ios12')))] }, interactionCExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(5);
    expect(byPk(records, 1).fields).toMatchObject({
      target_bundle_id: 'com.apple.MobileSMS',
      group_name: null,
      derived_intent_id: null,
      attachment_photo_local_ids: [],
      attachment_ids: ['DEADBEEF'],
      recipient_identifiers: ['+41790000002'],
      emails: ['bergers.o79@gmail.com'],
    });
  });

  it('reads the iOS 10–11 schema: no attachments or recipients, mechanism and recipient count', async () => {
    const { records, issues } = await extractFromBackup({ files: [file(buildInteractionCDb(spec('ios10')))] }, interactionCExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(5);
    expect(byPk(records, 1).fields).toMatchObject({
      target_bundle_id: null,
      mechanism: 4,
      recipient_count: 1,
      recipient_identifiers: [],
      attachment_count: 0,
      sender_identifier: 'bergers.o79@gmail.com',
      emails: ['bergers.o79@gmail.com'],
    });
  });

  it('reads the iOS 9 schema without ZRECIPIENTCOUNT', async () => {
    const { records, issues } = await extractFromBackup({ files: [file(buildInteractionCDb(spec('ios9')))] }, interactionCExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(5);
    expect(byPk(records, 1).fields).toMatchObject({ recipient_count: null, mechanism: 4, sender_last_incoming_sender: '2023-03-08T20:27:40.000000Z' });
  });

  it('keeps interactions whose sender row is gone and reads a database without ZCONTACTS', async () => {
    const orphan = buildInteractionCDb({ interactions: [{ pk: 9, sender: 77, bundleId: 'com.apple.MobileSMS', startDate: 700_000_000 }] });
    let result = await extractFromBackup({ files: [file(orphan)] }, interactionCExtractor);
    expect(result.records.map((r) => [r.fields['interaction_pk'], r.fields['sender_identifier']])).toEqual([[9, null]]);

    const noContacts = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZINTERACTIONS (Z_PK INTEGER PRIMARY KEY, ZSTARTDATE TIMESTAMP, ZBUNDLEID VARCHAR)');
      d.exec("INSERT INTO ZINTERACTIONS VALUES (1, 700000000, 'com.apple.MobileSMS')");
    });
    result = await extractFromBackup({ files: [file(noContacts)] }, interactionCExtractor);
    expect(result.issues).toEqual([]);
    expect(result.records[0]?.fields).toMatchObject({ interaction_pk: 1, bundle_id: 'com.apple.MobileSMS', sender_identifier: null, direction: null });
  });

  it('reports an unknown layout and a corrupt file as issues', async () => {
    let result = await extractFromBackup({ files: [file(sqliteBytes((d) => d.exec('CREATE TABLE ZEVENTS (Z_PK INTEGER PRIMARY KEY)')))] }, interactionCExtractor);
    expect(result).toEqual({
      records: [],
      issues: [{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: no ZINTERACTIONS table (tables: ZEVENTS)' }],
    });
    result = await extractFromBackup(
      { files: [file(sqliteBytes((d) => d.exec('CREATE TABLE ZINTERACTIONS (Z_PK INTEGER PRIMARY KEY, ZBUNDLEID VARCHAR)')))] },
      interactionCExtractor,
    );
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: PATH, message: 'unsupported schema: ZINTERACTIONS lacks ZSTARTDATE (columns: Z_PK, ZBUNDLEID)' },
    ]);
    result = await extractFromBackup({ files: [file(Buffer.alloc(5000, 0x41))] }, interactionCExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', PATH]]);
    expect(await extractFromBackup({ files: [] }, interactionCExtractor)).toEqual({ records: [], issues: [] });
  });
});

describe('interaction_c rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(interactionCRules, await loadIndicatorSet({}));
  });

  it('flags interactions with Pegasus and Triangulation accounts, not the look-alike', async () => {
    const { records } = await extractFromBackup({ files: [file(buildInteractionCDb(spec('ios13')))] }, interactionCExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['interaction_pk'], f.rule.id, f.severity, f.matched.value, f.indicator?.malware]),
    );
    expect(findings).toEqual([
      [1, 'ios.interaction_c.email-indicator', 'critical', 'bergers.o79@gmail.com', 'Pegasus'],
      [3, 'ios.interaction_c.email-indicator', 'critical', 'travislong544@yahoo.com', 'OperationTriangulation'],
    ]);
  });
});

/**
 * End-to-end: the evidence chain on a synthetic infected backup, through the real CLI.
 * check seals and attests; disclose writes a packet; verify passes on it and fails, naming
 * what failed, on every kind of tampering; the seal re-derives to the same roots; RFC 3161
 * against a local `openssl ts` authority; the verifier page in headless Chromium reaches the
 * same verdicts as the command.
 */
import { createHash, createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { buildIosBackup } from '../builders/ios-backup.js';
import { cleanBackupSpec, pegasusBackupSpec } from '../scenarios/ios-backups.js';
import { ROOT, runCli } from '../support/cli.js';
import { runCliAsync } from '../support/cli-async.js';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa.js';
import { tempDirs } from '../support/temp.js';
import { RULES } from '../../src/detection/rule-set.js';
import type { Verdict } from '../../src/evidence/verify/types.js';

const newDir = tempDirs();
const dataDir = newDir();
const env = { EXHIBIT_DATA_DIR: dataDir };
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PEGASUS_BUNDLE = join(ROOT, 'iocs', 'pegasus.stix2');
const PEGASUS_UDID = '00008030-000DE30000000001';

function exhibit(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): ReturnType<typeof runCli> {
  return runCli(args, { env: { ...env, ...extraEnv } });
}

type Json = Record<string, unknown>;

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

interface FindingLite {
  id: string;
  rule: { id: string };
  matched: { value: string };
}

function findingsOf(results: string): FindingLite[] {
  return (readJson(join(results, 'findings.json'))['findings'] as FindingLite[]) ?? [];
}

function verify(packet: string, extra: readonly string[] = []): { status: number; verdict: Verdict } {
  const run = exhibit(['verify', packet, '--json', ...extra]);
  expect(run.stderr).toBe('');
  return { status: run.status, verdict: JSON.parse(run.stdout) as Verdict };
}

/** Failed steps, as step id → code. */
function failures(verdict: Verdict): Record<string, string> {
  return Object.fromEntries(verdict.steps.filter((s) => s.status === 'fail').map((s) => [s.id, s.code ?? '?']));
}

function findingStatus(verdict: Verdict): Record<string, string> {
  return Object.fromEntries(verdict.findings.map((f) => [f.rule, f.status]));
}

function payloadOf(doc: unknown): Json {
  const envelope = (doc as { envelope: { payload: string } }).envelope;
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Json;
}

// ---- one infected backup, checked and disclosed once; the tests below read these ----

const backup = buildIosBackup(newDir(), pegasusBackupSpec({ safariHistory: true }));
const results = join(newDir(), 'results');
const checkRun = exhibit(['check', backup, '--output', results, '--no-progress']);
const SMS_RULE = 'ios.sms.link-indicator';
const HEURISTIC_RULE = 'ios.datausage.manipulated-process-entry';
const chosen = findingsOf(results).filter((f) => f.rule.id === SMS_RULE || f.rule.id === HEURISTIC_RULE);
const packetDir = newDir();
const packet = join(packetDir, 'packet.json');
const discloseRun = exhibit(['disclose', results, ...chosen.flatMap((f) => ['--finding', f.id]), '--output', packet]);

/** A copy of the packet with one change. */
function tampered(name: string, change: (p: Json) => void): string {
  const copy = readJson(packet);
  change(copy);
  const path = join(packetDir, `${name}.json`);
  writeFileSync(path, JSON.stringify(copy, null, 2));
  return path;
}

function flipHex(hex: string): string {
  return `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
}

function flipBase64(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[5] = (bytes[5] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

type Records = { artifact: string; index: number; salt: string; proof: string[]; record: { fields: Json } }[];

const smsRecord = (p: Json): Records[number] => (p['records'] as Records).find((r) => r.artifact === 'sms')!;

const TAMPERED: Record<string, { change: (p: Json) => void; failing: Record<string, string>; findings: Record<string, string> }> = {
  'record byte': {
    change: (p) => {
      const fields = smsRecord(p).record.fields;
      fields['text'] = String(fields['text']).replace('parcel', 'parceL');
    },
    failing: { 'record-proofs': 'RECORD_PROOF_INVALID', 'findings-attested': 'FINDING_RECORDS_MISSING' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'verified' },
  },
  salt: {
    change: (p) => {
      smsRecord(p).salt = flipHex(smsRecord(p).salt);
    },
    failing: { 'record-proofs': 'RECORD_PROOF_INVALID', 'findings-attested': 'FINDING_RECORDS_MISSING' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'verified' },
  },
  proof: {
    change: (p) => {
      const record = smsRecord(p);
      record.proof = record.proof.map((hash, i) => (i === 0 ? flipHex(hash) : hash));
    },
    failing: { 'record-proofs': 'RECORD_PROOF_INVALID' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'verified' },
  },
  signature: {
    change: (p) => {
      const signatures = (p['seal'] as { envelope: { signatures: { sig: string }[] } }).envelope.signatures;
      signatures[0]!.sig = flipBase64(signatures[0]!.sig);
    },
    failing: { signatures: 'SIGNATURE_INVALID' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'not-verified' },
  },
  'indicator entry': {
    change: (p) => {
      const bundles = p['indicators'] as { entries: { objects: Json[] }[] }[];
      const indicator = bundles[0]!.entries[0]!.objects.find((o) => o['type'] === 'indicator')!;
      indicator['pattern'] = String(indicator['pattern']).replace('baramije.net', 'baramije.org');
    },
    failing: { 'indicator-entries': 'INDICATOR_ENTRY_ALTERED', 'public-bundles': 'INDICATOR_NOT_IN_BUNDLE', 'rule-rerun': 'FINDING_NOT_REPRODUCED' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'verified' },
  },
  rule: {
    change: (p) => {
      const rule = (p['rules'] as Json[]).find((r) => r['id'] === HEURISTIC_RULE)!;
      rule['severity'] = 'critical';
    },
    failing: { rules: 'RULE_ALTERED', 'rule-rerun': 'FINDING_NOT_REPRODUCED' },
    findings: { [SMS_RULE]: 'verified', [HEURISTIC_RULE]: 'not-verified' },
  },
  'custody entry edited': {
    change: (p) => {
      (p['custody'] as Json[])[1]!['operator'] = 'someone else';
    },
    failing: { 'custody-log': 'CUSTODY_ENTRY_ALTERED' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'not-verified' },
  },
  'custody entry removed': {
    change: (p) => {
      (p['custody'] as Json[]).splice(1, 1);
    },
    failing: { 'custody-log': 'CUSTODY_CHAIN_BROKEN' },
    findings: { [SMS_RULE]: 'not-verified', [HEURISTIC_RULE]: 'not-verified' },
  },
  'file proof': {
    change: (p) => {
      const files = p['files'] as { proof: string[] }[];
      files[0]!.proof = files[0]!.proof.map((hash, i) => (i === 0 ? flipHex(hash) : hash));
    },
    failing: { 'file-proofs': 'FILE_PROOF_INVALID' },
    findings: { [SMS_RULE]: 'verified', [HEURISTIC_RULE]: 'verified' },
  },
};

const TAMPERED_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(TAMPERED).map(([name, { change }]) => [name, tampered(name.replace(/ /g, '-'), change)]),
);

describe('check seals, attests and logs custody', () => {
  it('writes a signed seal, an attestation, the indicator entries and a custody log, with a key made on first use', () => {
    expect(checkRun.stderr).toBe('');
    expect(checkRun.status).toBe(1);
    expect(checkRun.stdout).toMatch(/Seal: \d+ files and 49 records sealed \(seal\.json\), signed by key "default" ([A-Z2-7]{4} ){7}[A-Z2-7]{4}/);
    expect(checkRun.stdout).toContain(`The key "default" was created now in ${join(dataDir, 'keys')} (no passphrase).`);
    expect(checkRun.stdout).toContain('Attestation: 13 findings attested (attestation.json); custody log: custody.log');
    expect(statSync(join(results, 'seal-secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys', 'default.key')).mode & 0o777).toBe(0o600);
    const custody = readFileSync(join(results, 'custody.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(custody.slice(0, 2).map((e) => [e['seq'], e['event'], e['operator']])).toEqual([
      [0, 'sealed', 'default'],
      [1, 'checked', 'default'],
    ]);
    const seal = payloadOf(readJson(join(results, 'seal.json')));
    expect(seal['_type']).toBe('https://in-toto.io/Statement/v1');
    expect(seal['predicateType']).toBe('urn:exhibit:predicate:seal:v1');
    const attestation = payloadOf(readJson(join(results, 'attestation.json')));
    expect(attestation['predicateType']).toBe('urn:exhibit:predicate:analysis:v1');
    const sealDigest = createHash('sha256').update(Buffer.from((readJson(join(results, 'seal.json'))['envelope'] as Json)['payload'] as string, 'base64')).digest('hex');
    expect(attestation['subject']).toEqual([{ name: 'seal', digest: { sha256: sealDigest } }]);
    const predicate = attestation['predicate'] as { findings: { id: string; leaves: unknown[] }[]; findingsJson: string; rules: { version: string } };
    expect(predicate.findings.map((f) => f.id).sort()).toEqual(findingsOf(results).map((f) => f.id).sort());
    expect(predicate.findings.every((f) => f.leaves.length === 1)).toBe(true);
    expect(predicate.findingsJson).toBe(createHash('sha256').update(readFileSync(join(results, 'findings.json'))).digest('hex'));
    expect(predicate.rules.version).toBe('2026.11.0');
  });

  it('puts no personal data in the seal: model in clear, identifiers only salted and hashed', () => {
    const text = Buffer.from((readJson(join(results, 'seal.json'))['envelope'] as Json)['payload'] as string, 'base64').toString('utf8');
    for (const identifying of [PEGASUS_UDID, 'F00DEMO00001', '350000000000001', '+33 6 00 00 00 01', 'Demo iPhone']) expect(text).not.toContain(identifying);
    const acquisition = (payloadOf(readJson(join(results, 'seal.json')))['predicate'] as { acquisition: Json }).acquisition;
    expect(acquisition['model']).toEqual({ productType: 'iPhone12,1', productVersion: '14.6', buildVersion: '18F72' });
    const secret = Buffer.from(readFileSync(join(results, 'seal-secret.key'), 'utf8').trim(), 'hex');
    const salt = createHmac('sha256', secret).update('device:udid').digest();
    expect((acquisition['identifiers'] as Json)['udid']).toBe(createHash('sha256').update(Buffer.concat([salt, Buffer.from(PEGASUS_UDID)])).digest('hex'));
    expect(Object.keys(acquisition['identifiers'] as Json).sort()).toEqual(['deviceName', 'imei', 'phoneNumber', 'serialNumber', 'udid']);
  });

  it('re-derives the same roots from the records, the file list and the secret (independent Merkle code)', () => {
    const secret = Buffer.from(readFileSync(join(results, 'seal-secret.key'), 'utf8').trim(), 'hex');
    const h = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
    const mth = (leaves: Buffer[]): Buffer => {
      if (leaves.length === 0) return h();
      if (leaves.length === 1) return leaves[0]!;
      let k = 1;
      while (k * 2 < leaves.length) k *= 2;
      return h(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
    };
    // Canonical JSON as the seal defines it: keys sorted, no whitespace.
    const canonical = (v: unknown): string =>
      v === null || typeof v !== 'object'
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? `[${v.map(canonical).join(',')}]`
          : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`).join(',')}}`;
    const leaf = (label: string, value: unknown): Buffer =>
      h(Buffer.from([0]), createHmac('sha256', secret).update(label).digest(), Buffer.from(canonical(value), 'utf8'));
    const predicate = payloadOf(readJson(join(results, 'seal.json')))['predicate'] as {
      files: { root: string; count: number };
      records: { artifact: string; root: string; count: number }[];
    };
    const files = readFileSync(join(results, 'seal-files.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(files).toHaveLength(predicate.files.count);
    expect(mth(files.map((f, i) => leaf(`file:${i}`, f))).toString('hex')).toBe(predicate.files.root);
    const derived = readdirSync(join(results, 'records'))
      .sort()
      .map((name) => {
        const artifact = name.replace(/\.jsonl$/, '');
        const records = readFileSync(join(results, 'records', name), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
        return { artifact, root: mth(records.map((r, i) => leaf(`record:${artifact}:${i}`, r))).toString('hex'), count: records.length };
      });
    expect(derived).toEqual(predicate.records);
    // Every file of the backup is sealed: the four at the root and every blob Manifest.db lists.
    const blobs = readdirSync(backup).filter((name) => /^[0-9a-f]{2}$/.test(name)).flatMap((d) => readdirSync(join(backup, d)));
    expect(predicate.files.count).toBe(4 + blobs.length);
  });

  it('seals before analysis, then a check into the sealed folder re-derives and keeps the seal', () => {
    const sealed = join(newDir(), 'sealed');
    const seal = exhibit(['seal', backup, '--output', sealed]);
    expect(seal.stderr).toBe('');
    expect(seal.status).toBe(0);
    expect(readdirSync(sealed).sort()).toEqual(['custody.log', 'run.log', 'seal-files.jsonl', 'seal-secret.key', 'seal.json']);
    const sealBytes = readFileSync(join(sealed, 'seal.json'));
    const check = exhibit(['check', backup, '--output', sealed, '--no-progress']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/Seal: \d+ files and 49 records, the same as the earlier seal \(seal\.json\)/);
    expect(readFileSync(join(sealed, 'seal.json')).equals(sealBytes)).toBe(true);
    const events = readFileSync(join(sealed, 'custody.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Json)['event']);
    expect(events).toEqual(['sealed', 'checked']);
  });

  it('refuses to check another acquisition into a sealed folder', () => {
    const sealed = join(newDir(), 'sealed');
    expect(exhibit(['seal', backup, '--output', sealed]).status).toBe(0);
    const other = buildIosBackup(newDir(), cleanBackupSpec());
    const check = exhibit(['check', other, '--output', sealed, '--no-progress']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/^exhibit: The acquisition is not the one sealed in .*: its files differ from the seal of .*; check the right acquisition, or a new folder to start again\.\n$/);
    expect(existsSync(join(sealed, 'findings.json'))).toBe(false);
  });
});

describe('disclose and verify', () => {
  it('writes a packet for the chosen findings and logs the disclosure', () => {
    expect(chosen.map((f) => f.rule.id).sort()).toEqual([HEURISTIC_RULE, SMS_RULE]);
    expect(discloseRun.stderr).toBe('');
    expect(discloseRun.status).toBe(0);
    expect(discloseRun.stdout).toContain('2 finding(s), 2 record(s), 2 file leaf(s); nothing else of the acquisition.');
    const p = readJson(packet);
    expect((p['records'] as Records).map((r) => `${r.artifact}:${r.index}`).sort()).toEqual(['datausage:6', 'sms:0']);
    const last = (p['custody'] as Json[]).at(-1)!;
    expect(last['event']).toBe('disclosed');
    expect(((last['details'] as Json)['findings'] as string[]).sort()).toEqual(chosen.map((f) => f.id).sort());
  });

  it('verifies the packet: every check holds and every finding is reproduced', () => {
    const { status, verdict } = verify(packet);
    expect(status).toBe(0);
    expect(verdict.ok).toBe(true);
    expect(Object.fromEntries(verdict.steps.map((s) => [s.id, s.status]))).toEqual({
      packet: 'pass',
      statements: 'pass',
      signatures: 'pass',
      'attestation-subject': 'pass',
      timestamps: 'not-checked',
      'record-proofs': 'pass',
      'file-proofs': 'pass',
      'findings-attested': 'pass',
      rules: 'pass',
      'indicator-entries': 'pass',
      'public-bundles': 'pass',
      'rule-rerun': 'pass',
      'custody-log': 'pass',
    });
    expect(findingStatus(verdict)).toEqual({ [SMS_RULE]: 'verified', [HEURISTIC_RULE]: 'verified' });
    const fingerprint = /signed by key "default" (([A-Z2-7]{4} ){7}[A-Z2-7]{4})/.exec(checkRun.stdout)?.[1];
    expect(verdict.signers.map((s) => [s.document, s.fingerprint, s.valid, s.trusted])).toEqual([
      ['seal', fingerprint, true, false],
      ['attestation', fingerprint, true, false],
    ]);
    const text = exhibit(['verify', packet]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^VERIFIED: every check holds\./);
    expect(text.stdout).toContain(`seal        ${fingerprint}  analyst "default"`);
    expect(text.stdout).toContain(`[VERIFIED] ${chosen.find((f) => f.rule.id === SMS_RULE)?.id} ${SMS_RULE}: links = https://baramije.net/Qw3rTy`);
  });

  it('holds no value of any record it does not disclose', () => {
    const packetText = readFileSync(packet, 'utf8');
    const p = readJson(packet);
    const disclosed = new Set((p['records'] as Records).map((r) => `${r.artifact}:${r.index}`));
    // What may legitimately appear: the disclosed records themselves, the public rule text and
    // bundle, and the signers' names. Any other value of any other record must not.
    const allowed = [JSON.stringify((p['records'] as Records).map((r) => r.record)), JSON.stringify(RULES), readFileSync(PEGASUS_BUNDLE, 'utf8'), 'default'].join('\n');
    const values = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') values.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    for (const name of readdirSync(join(results, 'records'))) {
      readFileSync(join(results, 'records', name), 'utf8')
        .trim()
        .split('\n')
        .forEach((line, index) => {
          const record = JSON.parse(line) as { artifact: string; fields: unknown };
          if (!disclosed.has(`${record.artifact}:${index}`)) collect(record.fields);
        });
    }
    const secret = [...values].filter((v) => v.length >= 6 && !allowed.includes(v));
    // The check is not vacuous: the other message, its sender and the browsing history are among them.
    expect(secret).toEqual(
      expect.arrayContaining(['+33600000003', 'See you at https://notfree247downloads.com/ and https://www.apple.com/', 'http://yahoo.fr/', 'friend@example.com']),
    );
    const leaked = secret.filter((v) => packetText.includes(JSON.stringify(v).slice(1, -1)));
    expect(leaked).toEqual([]);
    expect(packetText).not.toContain(PEGASUS_UDID);
  });

  it('trusts only the keys it is given', () => {
    const exported = join(newDir(), 'default.pub');
    expect(exhibit(['keys', 'export-public', '--output', exported]).status).toBe(0);
    const trusted = verify(packet, ['--trust', exported]);
    expect(trusted.status).toBe(0);
    expect(trusted.verdict.signers.every((s) => s.trusted)).toBe(true);
    const otherData = newDir();
    expect(exhibit(['keys', 'create', '--name', 'stranger'], { EXHIBIT_DATA_DIR: otherData }).status).toBe(0);
    const strangerKey = join(otherData, 'keys', 'stranger.pub');
    const untrusted = verify(packet, ['--trust', strangerKey]);
    expect(untrusted.status).toBe(1);
    expect(failures(untrusted.verdict)).toEqual({ signatures: 'SIGNER_NOT_TRUSTED' });
  });

  for (const [name, { failing, findings }] of Object.entries(TAMPERED)) {
    it(`fails, naming what failed, when the packet's ${name} is tampered with`, () => {
      const { status, verdict } = verify(TAMPERED_FILES[name]!);
      expect(status).toBe(1);
      expect(verdict.ok).toBe(false);
      expect(failures(verdict)).toEqual(failing);
      expect(findingStatus(verdict)).toEqual(findings);
    });
  }

  it('fails on a packet that is not one, listing the bad fields', () => {
    const path = join(packetDir, 'not-a-packet.json');
    writeFileSync(path, JSON.stringify({ format: 'exhibit-packet/1', records: [{ index: -1 }] }));
    const { status, verdict } = verify(path);
    expect(status).toBe(1);
    expect(failures(verdict)).toEqual({ packet: 'PACKET_MALFORMED' });
    expect(verdict.steps[0]?.messages).toEqual(expect.arrayContaining(['seal: expected a signed document', 'records[0].index: expected a leaf index', 'records[0].salt: expected 64 hex digits']));
  });

  it('refuses to disclose a finding the attestation does not hold, or records changed after the seal', () => {
    const unknown = exhibit(['disclose', results, '--finding', 'ffffffffffffffffffffffff', '--output', join(newDir(), 'p.json')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('exhibit: No attested finding has the id ffffffffffffffffffffffff; copy an id from findings.json.\n');
    const copy = join(newDir(), 'copy');
    cpSync(results, copy, { recursive: true });
    const sms = join(copy, 'records', 'sms.jsonl');
    writeFileSync(sms, readFileSync(sms, 'utf8').replace('Your parcel', 'Your parcels'));
    const changed = exhibit(['disclose', copy, '--finding', chosen[0]!.id, '--output', join(newDir(), 'p.json')]);
    expect(changed.status).toBe(2);
    expect(changed.stderr).toBe(
      'exhibit: records/sms.jsonl no longer gives the sealed root: the records were changed after the seal, so no packet can be made from them.\n',
    );
  });

  it('exports the provenance as CASE/UCO JSON-LD without personal data', () => {
    const out = join(newDir(), 'case.jsonld');
    const run = exhibit(['export-case', results, '--output', out]);
    expect(run.status).toBe(0);
    const graph = readJson(out) as { '@context': Json; '@graph': Json[] };
    expect(graph['@context']['case-investigation']).toBe('https://ontology.caseontology.org/case/investigation/');
    const types = graph['@graph'].map((n) => n['@type'] as string);
    expect(types.filter((t) => t === 'case-investigation:InvestigativeAction')).toHaveLength(readFileSync(join(results, 'custody.log'), 'utf8').trim().split('\n').length);
    expect(types.filter((t) => t === 'uco-core:Annotation')).toHaveLength(13);
    expect(types).toEqual(expect.arrayContaining(['case-investigation:Investigation', 'case-investigation:ProvenanceRecord', 'uco-tool:Tool', 'uco-identity:Identity']));
    const text = readFileSync(out, 'utf8');
    const sealDigest = createHash('sha256').update(Buffer.from((readJson(join(results, 'seal.json'))['envelope'] as Json)['payload'] as string, 'base64')).digest('hex');
    expect(text).toContain(sealDigest);
    for (const identifying of [PEGASUS_UDID, '+33600000002', 'F00DEMO00001']) expect(text).not.toContain(identifying);
  });
});

describe('keys and co-signing', () => {
  const passphrase = join(newDir(), 'passphrase.txt');
  writeFileSync(passphrase, 'correct horse battery staple\n');
  const wrong = join(newDir(), 'wrong.txt');
  writeFileSync(wrong, 'not the passphrase\n');

  it('creates a passphrase-protected witness key, lists it and refuses to use it without the passphrase', () => {
    const created = exhibit(['keys', 'create', '--name', 'witness', '--passphrase-file', passphrase]);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^Created key "witness" \(passphrase-protected\)\n {2}fingerprint ([A-Z2-7]{4} ){7}[A-Z2-7]{4}\n/);
    const keyFile = join(dataDir, 'keys', 'witness.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const listed = JSON.parse(exhibit(['keys', 'list', '--json']).stdout) as { name: string; encrypted: boolean }[];
    expect(listed.map((k) => [k.name, k.encrypted])).toEqual([
      ['default', false],
      ['witness', true],
    ]);
    expect(exhibit(['keys', 'create', '--name', 'witness']).stderr).toMatch(/^exhibit: A key named witness already exists in .*; choose another name with --name\.\n$/);
    const without = exhibit(['cosign', results, '--signing-key', 'witness']);
    expect(without.status).toBe(2);
    expect(without.stderr).toBe('exhibit: The key witness is protected by a passphrase; give it with --signing-passphrase-file FILE.\n');
    const wrongRun = exhibit(['cosign', results, '--signing-key', 'witness', '--signing-passphrase-file', wrong]);
    expect(wrongRun.status).toBe(2);
    expect(wrongRun.stderr).toBe('exhibit: The passphrase does not unlock the key witness; check the passphrase file.\n');
  });

  it("adds a witness's signature that a verifier sees and can trust", () => {
    const cosigned = exhibit(['cosign', results, '--signing-key', 'witness', '--signing-passphrase-file', passphrase, '--operator', 'Witness W.']);
    expect(cosigned.stderr).toBe('');
    expect(cosigned.stdout).toMatch(/^Co-signed seal\.json \([0-9a-f]{64}\) with key "witness" /);
    const again = exhibit(['cosign', results, '--signing-key', 'witness', '--signing-passphrase-file', passphrase]);
    expect(again.stdout).toBe('seal.json already carries the signature of key "witness"\n');
    const out = join(newDir(), 'cosigned.json');
    const disclosed = exhibit(['disclose', results, '--finding', chosen[0]!.id, '--output', out]);
    expect(disclosed.stderr).toBe('');
    expect(disclosed.status).toBe(0);
    const witnessPub = join(newDir(), 'witness.pub');
    expect(exhibit(['keys', 'export-public', '--name', 'witness', '--output', witnessPub]).status).toBe(0);
    // Trusting the witness alone vouches for the seal, not for the analyst's attestation.
    const witnessOnly = verify(out, ['--trust', witnessPub]);
    expect(witnessOnly.status).toBe(1);
    expect(failures(witnessOnly.verdict)).toEqual({ signatures: 'SIGNER_NOT_TRUSTED' });
    expect(witnessOnly.verdict.steps.find((s) => s.id === 'signatures')?.messages[0]).toBe('No signature of the attestation is by a key you trust.');
    const analystPub = join(newDir(), 'default.pub');
    expect(exhibit(['keys', 'export-public', '--output', analystPub]).status).toBe(0);
    const { status, verdict } = verify(out, ['--trust', witnessPub, '--trust', analystPub]);
    expect(status).toBe(0);
    expect(verdict.signers.map((s) => [s.document, s.role, s.name, s.valid, s.trusted])).toEqual([
      ['seal', 'analyst', 'default', true, true],
      ['seal', 'witness', 'witness', true, true],
      ['attestation', 'analyst', 'default', true, true],
    ]);
    const events = (readJson(out)['custody'] as Json[]).map((e) => [e['event'], e['operator']]);
    expect(events).toEqual([
      ['sealed', 'default'],
      ['checked', 'default'],
      ['disclosed', 'default'],
      ['cosigned', 'Witness W.'],
      ['disclosed', 'default'],
    ]);
  });
});

describe('RFC 3161 time-stamps from a local openssl authority', () => {
  let tsa: LocalTsa;
  let stamped: string;
  let stampedPacket: string;
  let checkOutput: string;
  beforeAll(async () => {
    tsa = await startLocalTsa();
    stamped = join(newDir(), 'stamped');
    const run = await runCliAsync(['check', backup, '--output', stamped, '--no-progress', '--tsa', tsa.url], { env });
    checkOutput = run.stdout + run.stderr;
    stampedPacket = join(newDir(), 'stamped-packet.json');
    const id = findingsOf(stamped).find((f) => f.rule.id === SMS_RULE)!.id;
    await runCliAsync(['disclose', stamped, '--finding', id, '--output', stampedPacket], { env });
  });
  afterAll(async () => {
    await tsa.close();
  });

  it('time-stamps the seal at check time, and the token verifies with openssl too', () => {
    expect(checkOutput).toMatch(/Time-stamp: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ from http:\/\/127\.0\.0\.1:\d+\/tsr/);
    expect(tsa.requests()).toBe(1);
    const seal = readJson(join(stamped, 'seal.json')) as { envelope: { signatures: { keyid: string; sig: string }[] }; timestamps: { keyid: string; token: string; authority: string }[] };
    expect(seal.timestamps).toHaveLength(1);
    const entry = seal.timestamps[0]!;
    expect(entry.authority).toBe(tsa.url);
    const sig = seal.envelope.signatures.find((s) => s.keyid === entry.keyid)!;
    const digest = createHash('sha256').update(Buffer.from(sig.sig, 'base64')).digest('hex');
    const tokenFile = join(newDir(), 'token.der');
    writeFileSync(tokenFile, Buffer.from(entry.token, 'base64'));
    const out = execFileSync('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', digest, '-CAfile', tsa.caFile, '-untrusted', tsa.tsaCertFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    }).toString();
    expect(out).toContain('Verification: OK');
    const events = readFileSync(join(stamped, 'custody.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Json)['event']);
    expect(events.slice(0, 3)).toEqual(['sealed', 'timestamped', 'checked']);
  });

  it('checks the token in verify, and fails when a byte of it changes', () => {
    const good = verify(stampedPacket);
    expect(good.status).toBe(0);
    expect(good.verdict.steps.find((s) => s.id === 'timestamps')?.status).toBe('pass');
    expect(good.verdict.timestamps.map((t) => [t.document, t.authority, t.signer, t.valid])).toEqual([['seal', tsa.url, 'Exhibit Test TSA', true]]);
    const caSha = createHash('sha256').update(Buffer.from(readFileSync(tsa.tsaCertFile, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64')).digest('hex');
    expect(good.verdict.timestamps[0]?.certificateSha256).toBe(caSha);
    const copy = readJson(stampedPacket);
    const timestamps = (copy['seal'] as { timestamps: { token: string }[] }).timestamps;
    const token = Buffer.from(timestamps[0]!.token, 'base64');
    token[token.length - 10] = (token[token.length - 10] ?? 0) ^ 0x01;
    timestamps[0]!.token = token.toString('base64');
    const path = join(newDir(), 'bad-token.json');
    writeFileSync(path, JSON.stringify(copy));
    const bad = verify(path);
    expect(bad.status).toBe(1);
    expect(failures(bad.verdict)).toEqual({ timestamps: 'TIMESTAMP_INVALID' });
  });

  it('still completes the check, and says so, when the authority cannot be reached', () => {
    const out = join(newDir(), 'unreachable');
    const run = exhibit(['check', backup, '--output', out, '--no-progress', '--tsa', 'http://127.0.0.1:1/tsr']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Time-stamp: not added — The time-stamp authority http:\/\/127\.0\.0\.1:1\/tsr could not time-stamp the seal \(.*\); the results are complete, so add the time-stamp later with exhibit timestamp RESULTS --tsa URL\./);
    expect((readJson(join(out, 'seal.json'))['timestamps'] as unknown[]).length).toBe(0);
    expect(existsSync(join(out, 'attestation.json'))).toBe(true);
  });
});

describe('the verifier page', () => {
  let browser: Browser;
  const page = join(newDir(), 'verify.html');
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser.close();
  });

  async function pageVerdict(packetFile: string): Promise<Verdict> {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const requests: string[] = [];
    tab.on('request', (request) => {
      if (!request.url().startsWith('data:')) requests.push(request.url());
    });
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('body[data-state="ready"]');
    await tab.setInputFiles('#files', [packetFile, PEGASUS_BUNDLE]);
    await tab.waitForSelector('body[data-state="done"]');
    const verdict = JSON.parse((await tab.textContent('#verdict-json')) ?? '') as Verdict;
    await context.close();
    expect(requests).toEqual([pathToFileURL(page).href]);
    return verdict;
  }

  it('is one self-contained HTML file', () => {
    const run = exhibit(['verifier', '--output', page]);
    expect(run.status).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, '')).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('reaches the same verdict as the command on the good packet', async () => {
    const command = verify(packet).verdict;
    expect(command.ok).toBe(true);
    expect(await pageVerdict(packet)).toEqual(command);
  });

  it('reaches the same verdict as the command on every tampered packet', async () => {
    for (const [name, path] of Object.entries(TAMPERED_FILES)) {
      const command = verify(path).verdict;
      expect(command.ok, name).toBe(false);
      expect(await pageVerdict(path), name).toEqual(command);
    }
  });
});

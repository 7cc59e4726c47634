/**
 * CASE/UCO export (caseontology.org): the provenance of a results folder as a JSON-LD graph
 * — the acquisition (by its sealed Merkle root), the device model, the files the analysis
 * read, the seal and the attestation, one investigative action per custody-log entry
 * (performer, instrument, time, inputs, outputs), the findings as annotations, and a
 * provenance record tying them together. Like the seal, it carries no personal data: no
 * device identifier, no folder name, and findings by rule, severity and public indicator,
 * never by the record values a finding's explanation quotes.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../detection/finding.js';
import { readCustodyLog } from './custody-file.js';
import type { CustodyLine } from './custody-log.js';
import { EvidenceError } from './errors.js';
import { ATTESTATION_FILE, SEAL_FILE, readAnalysisPredicate, readJsonFile, readSealPredicate, readSignedDocument } from './evidence-files.js';
import { payloadDigest } from './seal.js';

const CONTEXT = {
  kb: 'urn:exhibit:kb:',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Node = Record<string, unknown>;

function id(kind: string, key: string): string {
  return `kb:${kind}-${createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 32)}`;
}

function ref(nodeId: string): { '@id': string } {
  return { '@id': nodeId };
}

function sha256Facet(hex: string, size?: number): Node {
  const facet: Node = {
    '@id': id('content-facet', `${hex}:${size ?? ''}`),
    '@type': 'uco-observable:ContentDataFacet',
    'uco-observable:hash': [
      {
        '@id': id('hash', hex),
        '@type': 'uco-types:Hash',
        'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': 'SHA256' },
        'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': hex },
      },
    ],
  };
  if (size !== undefined) facet['uco-observable:sizeInBytes'] = { '@type': 'xsd:integer', '@value': String(size) };
  return facet;
}

function dateTime(iso: string): Node {
  return { '@type': 'xsd:dateTime', '@value': iso };
}

interface AcquisitionDoc {
  files_read?: { path: string; stored: string; size: number; sha256: string }[];
}

export function caseGraph(resultsDir: string): { '@context': typeof CONTEXT; '@graph': Node[] } {
  const sealDoc = readSignedDocument(join(resultsDir, SEAL_FILE));
  const seal = readSealPredicate(sealDoc);
  const sealDigest = payloadDigest(sealDoc);
  const attestationDoc = existsSync(join(resultsDir, ATTESTATION_FILE)) ? readSignedDocument(join(resultsDir, ATTESTATION_FILE)) : null;
  const analysis = attestationDoc === null ? null : readAnalysisPredicate(attestationDoc);
  const findings = attestationDoc === null ? [] : ((readJsonFile(join(resultsDir, 'findings.json'), 'findings.json') as { findings?: Finding[] }).findings ?? []);
  const acquisition = existsSync(join(resultsDir, 'acquisition.json')) ? (readJsonFile(join(resultsDir, 'acquisition.json'), 'acquisition.json') as AcquisitionDoc) : {};
  const custody = readCustodyLog(resultsDir).filter((l): l is CustodyLine => typeof l === 'object' && l !== null);

  const graph: Node[] = [];
  const toolId = id('tool', `${seal.tool.name} ${seal.tool.version}`);
  graph.push({ '@id': toolId, '@type': 'uco-tool:Tool', 'uco-core:name': 'Exhibit', 'uco-tool:version': seal.tool.version, 'uco-tool:toolType': 'Analysis' });

  const acquisitionId = id('acquisition', seal.files.root);
  graph.push({
    '@id': acquisitionId,
    '@type': 'uco-observable:ObservableObject',
    'uco-core:name': `${seal.acquisition.kind} acquisition`,
    'uco-core:description': `Merkle root (RFC 9162, salted leaves) over the ${seal.files.count} files of the acquisition, ${seal.files.bytes} bytes`,
    'uco-core:hasFacet': [sha256Facet(seal.files.root)],
  });
  const deviceId = id('device', seal.files.root);
  graph.push({
    '@id': deviceId,
    '@type': 'uco-observable:ObservableObject',
    'uco-core:name': 'device',
    'uco-core:hasFacet': [
      {
        '@id': id('device-facet', seal.files.root),
        '@type': 'uco-observable:DeviceFacet',
        ...(seal.acquisition.model.productType ? { 'uco-observable:model': seal.acquisition.model.productType } : {}),
      },
    ],
  });
  graph.push({ '@id': id('relationship', `${acquisitionId}${deviceId}`), '@type': 'uco-core:Relationship', 'uco-core:source': ref(acquisitionId), 'uco-core:target': ref(deviceId), 'uco-core:kindOfRelationship': 'Acquired_From', 'uco-core:isDirectional': true });

  const fileIds = new Map<string, string>();
  for (const file of acquisition.files_read ?? []) {
    const fileId = id('file', `${file.stored}:${file.sha256}`);
    fileIds.set(`${file.path}\u0000${file.sha256}`, fileId);
    graph.push({
      '@id': fileId,
      '@type': 'uco-observable:ObservableObject',
      'uco-core:hasFacet': [
        { '@id': id('file-facet', file.stored), '@type': 'uco-observable:FileFacet', 'uco-observable:filePath': file.path, 'uco-observable:sizeInBytes': { '@type': 'xsd:integer', '@value': String(file.size) } },
        sha256Facet(file.sha256, file.size),
      ],
    });
    graph.push({ '@id': id('relationship', `${fileId}${acquisitionId}`), '@type': 'uco-core:Relationship', 'uco-core:source': ref(fileId), 'uco-core:target': ref(acquisitionId), 'uco-core:kindOfRelationship': 'Contained_Within', 'uco-core:isDirectional': true });
  }

  const sealId = id('seal', sealDigest);
  graph.push({ '@id': sealId, '@type': 'uco-observable:ObservableObject', 'uco-core:name': 'seal.json (in-toto statement, DSSE envelope)', 'uco-core:hasFacet': [sha256Facet(sealDigest)] });
  let attestationId: string | null = null;
  if (attestationDoc !== null) {
    const digest = payloadDigest(attestationDoc);
    attestationId = id('attestation', digest);
    graph.push({ '@id': attestationId, '@type': 'uco-observable:ObservableObject', 'uco-core:name': 'attestation.json (in-toto statement, DSSE envelope)', 'uco-core:hasFacet': [sha256Facet(digest)] });
  }

  const findingIds: string[] = [];
  for (const finding of findings) {
    const findingId = id('finding', finding.id);
    findingIds.push(findingId);
    const objects = finding.records.map((r) => fileIds.get(`${r.origin.path}\u0000${r.origin.sha256}`)).filter((x): x is string => x !== undefined);
    graph.push({
      '@id': findingId,
      '@type': 'uco-core:Annotation',
      'uco-core:name': `finding ${finding.id}`,
      'uco-core:statement': `${finding.rule.title} (rule ${finding.rule.id} v${finding.rule.version}; severity ${finding.severity}, confidence ${finding.confidence})${finding.indicator ? `; indicator ${finding.indicator.stixId} "${finding.indicator.value}" from ${finding.indicator.bundle.file} (SHA-256 ${finding.indicator.bundle.sha256})` : ''}`,
      'uco-core:tag': [finding.severity, finding.confidence, finding.rule.id],
      'uco-core:object': (objects.length > 0 ? objects : [acquisitionId]).map(ref),
    });
  }

  const actionIds: string[] = [];
  const identities = new Map<string, string>();
  for (const entry of custody) {
    let identityId = identities.get(entry.operator);
    if (identityId === undefined) {
      identityId = id('identity', `${entry.operator}\u0000${entry.keyid}`);
      identities.set(entry.operator, identityId);
      graph.push({ '@id': identityId, '@type': 'uco-identity:Identity', 'uco-core:name': entry.operator, 'uco-core:description': `Ed25519 key ${entry.keyid}` });
    }
    const result: string[] = [];
    if (entry.event === 'sealed' || entry.event === 'resealed' || entry.event === 'timestamped' || entry.event === 'cosigned') result.push(sealId);
    if (entry.event === 'checked') {
      if (attestationId !== null) result.push(attestationId);
      result.push(...findingIds);
    }
    const actionId = id('action', entry.hash);
    actionIds.push(actionId);
    graph.push({
      '@id': actionId,
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': entry.event,
      'uco-core:description': `custody log entry ${entry.seq} (SHA-256 ${entry.hash})`,
      'uco-action:startTime': dateTime(entry.at),
      'uco-action:endTime': dateTime(entry.at),
      'uco-action:performer': ref(identityId),
      'uco-action:instrument': ref(id('tool', `${entry.tool.name} ${entry.tool.version}`)),
      'uco-action:object': [ref(acquisitionId)],
      'uco-action:result': result.map(ref),
    });
    if (entry.tool.version !== seal.tool.version && !graph.some((n) => n['@id'] === id('tool', `${entry.tool.name} ${entry.tool.version}`))) {
      graph.push({ '@id': id('tool', `${entry.tool.name} ${entry.tool.version}`), '@type': 'uco-tool:Tool', 'uco-core:name': 'Exhibit', 'uco-tool:version': entry.tool.version, 'uco-tool:toolType': 'Analysis' });
    }
  }
  const provenanceId = id('provenance', sealDigest);
  graph.push({
    '@id': provenanceId,
    '@type': 'case-investigation:ProvenanceRecord',
    'case-investigation:exhibitNumber': `seal ${sealDigest}`,
    'case-investigation:rootExhibitNumber': `acquisition ${seal.files.root}`,
    'uco-core:object': [acquisitionId, sealId, ...(attestationId === null ? [] : [attestationId])].map(ref),
  });
  graph.push({
    '@id': id('investigation', sealDigest),
    '@type': 'case-investigation:Investigation',
    'uco-core:name': `Exhibit ${analysis === null ? 'seal' : 'analysis'} of acquisition ${seal.files.root.slice(0, 16)}`,
    'uco-core:object': [...actionIds, provenanceId].map(ref),
  });
  return { '@context': CONTEXT, '@graph': graph };
}

export function exportCase(resultsDir: string, output: string): { output: string; nodes: number } {
  const graph = caseGraph(resultsDir);
  try {
    writeFileSync(output, `${JSON.stringify(graph, null, 2)}\n`, { mode: 0o644 });
  } catch (error) {
    throw new EvidenceError('INVALID_ARGUMENT', `The CASE/UCO file cannot be written to ${output}; choose another path.`, error);
  }
  return { output, nodes: graph['@graph'].length };
}

/**
 * `exhibit seal ACQUISITION`: seal right after acquisition, before any analysis. The files
 * are hashed and the records extracted (the same extractors, in the same order, as a check)
 * only to compute their roots: no record, finding or report is written. A later
 * `exhibit check --output` into the same folder re-derives the seal and stops if the
 * acquisition differs.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AcquisitionSecrets } from '../acquisition/acquisition.js';
import { openAcquisition, type AcquisitionInfo } from '../acquisition/detect.js';
import type { Source } from '../acquisition/source.js';
import { WorkingDir } from '../acquisition/working-dir.js';
import { contentPathsFor, extractorsFor } from '../artifacts/registry.js';
import { isExhibitError, UsageError } from '../errors.js';
import { runExtractor } from '../pipeline/check.js';
import { RunLog } from '../pipeline/run-log.js';
import { EvidenceRun, type EvidenceOptions, type EvidenceSummary } from './evidence-run.js';

export interface SealOptions {
  input: string;
  output: string;
  secrets?: AcquisitionSecrets;
  evidence: EvidenceOptions;
  progress?: (text: string) => void;
}

export interface SealResult {
  resultsDir: string;
  info: AcquisitionInfo;
  evidence: EvidenceSummary;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function prepareFolder(output: string, acquisitionRoot: string, input: string): string {
  const dir = resolve(output);
  if (isInside(dir, acquisitionRoot) || isInside(dir, resolve(input))) {
    throw new UsageError('OUTPUT_INSIDE_ACQUISITION', `The folder ${output} is inside the acquisition; choose a folder outside it, because evidence is never written to.`);
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError('OUTPUT_NOT_EMPTY', `The folder ${output} is not empty; choose a new or empty folder for the seal.`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function sealAcquisition(options: SealOptions): Promise<SealResult> {
  const log = new RunLog();
  const workDir = WorkingDir.create();
  let source: (Source & { close(): void }) | undefined;
  try {
    const opened = await openAcquisition(options.input, {
      workDir,
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
      wanted: contentPathsFor,
      progress: (text) => {
        log.info(text);
        options.progress?.(text);
      },
    });
    source = opened.source;
    const dir = prepareFolder(options.output, opened.root, options.input);
    log.attach(join(dir, 'run.log'));
    log.info(`seal: ${opened.info.kind} ${opened.info.name}`);
    const run = await EvidenceRun.start(source, opened.info, dir, options.evidence, log);
    for (const extractor of extractorsFor(opened.info.kind)) {
      const { entry } = await runExtractor(extractor, source, opened.info, (record) => run.addRecord(record), undefined);
      log.info(`artifact ${entry.artifact}: ${entry.status}, ${entry.records} records sealed`);
    }
    const evidence = await run.finishSealOnly();
    return { resultsDir: dir, info: opened.info, evidence };
  } catch (error) {
    log.error(isExhibitError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  } finally {
    source?.close();
    workDir.remove();
  }
}

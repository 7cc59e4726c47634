/**
 * Writing report.html from a results folder: the one entry point `exhibit check` and
 * `exhibit report` share. The same folder, language and options give the same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../i18n/types.js';
import { buildReportModel } from './model.js';
import { renderReportChunks } from './page.js';

export interface ReportOptions {
  lang: Lang;
  redact?: boolean;
  /** Where to write; default `report.html` (or `report-redacted.html`) in the results folder. */
  output?: string;
}

export function defaultReportPath(resultsDir: string, redact: boolean): string {
  return join(resultsDir, redact ? 'report-redacted.html' : 'report.html');
}

/** Renders the report and returns its path. */
export async function writeReport(resultsDir: string, options: ReportOptions): Promise<string> {
  const redact = options.redact ?? false;
  const model = await buildReportModel(resultsDir, { redact });
  const path = options.output ?? defaultReportPath(resultsDir, redact);
  // Piece by piece: the timeline's data alone can be tens of megabytes of JSON.
  const file = openSync(path, 'w', 0o600);
  try {
    for (const chunk of renderReportChunks(model, options.lang)) writeSync(file, chunk, null, 'utf8');
  } finally {
    closeSync(file);
  }
  return path;
}

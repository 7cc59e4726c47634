/**
 * Writing report.html from a results folder: the one entry point `exhibit check` and
 * `exhibit report` share. The same folder, language and options give the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../i18n/types.js';
import { buildReportModel } from './model.js';
import { renderReport } from './page.js';

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
  const page = renderReport(model, options.lang);
  const path = options.output ?? defaultReportPath(resultsDir, redact);
  writeFileSync(path, page, { mode: 0o600 });
  return path;
}

/** Loading the indicator set for a run, with what was skipped written to the run's log. */
import { loadIndicatorSet } from '../indicators/load.js';
import type { IndicatorIndex } from '../indicators/indicator-index.js';
import type { RunLog } from './run-log.js';

export interface IndicatorOptions {
  iocFiles?: readonly string[];
  iocEnvironment?: string | undefined;
}

export async function loadRunIndicators(options: IndicatorOptions, log: RunLog): Promise<IndicatorIndex> {
  const index = await loadIndicatorSet({
    files: [...(options.iocFiles ?? [])],
    environment: options.iocEnvironment,
    includeShipped: true,
  });
  log.info(`indicators: ${index.size()} from ${index.bundles().length} bundles`);
  for (const bundle of index.bundles()) {
    for (const skipped of bundle.skipped) log.warn(`indicator skipped in ${bundle.file}: ${skipped.reason}`);
  }
  return index;
}

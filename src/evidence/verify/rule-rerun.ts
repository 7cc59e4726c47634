/**
 * Step: the disclosed rules, run by the detection engine on the disclosed records with an
 * indicator index built from the disclosed entries only, produce each disclosed finding
 * again — same id, same content, word for word.
 */
import { Detector } from '../../detection/engine.js';
import type { Finding } from '../../detection/finding.js';
import { IndicatorIndex } from '../../indicators/indicator-index.js';
import { parseStix2Bundle } from '../../indicators/stix2-bundle.js';
import type { Indicator, LoadedBundle } from '../../indicators/types.js';
import { canonicalJson } from '../canonical.js';
import { bundleFromEntries } from '../indicator-entries.js';
import { Problems } from './outcome.js';
import type { Step } from './types.js';

function indexOf(input: Parameters<Step['run']>[0]): IndicatorIndex {
  const bundles: LoadedBundle[] = [];
  const indicators: Indicator[] = [];
  for (const disclosed of input.packet.indicators) {
    const parsed = parseStix2Bundle(bundleFromEntries(disclosed.entries), { file: disclosed.file, sha256: disclosed.sha256 });
    if (!parsed.ok) continue;
    indicators.push(...parsed.indicators);
    bundles.push({
      file: disclosed.file,
      path: disclosed.file,
      sha256: disclosed.sha256,
      origin: 'option',
      malware: parsed.malware,
      counts: {},
      total: parsed.indicators.length,
      skipped: parsed.skipped,
    });
  }
  return new IndicatorIndex(bundles, indicators);
}

export const ruleRerunStep: Step = {
  id: 'rule-rerun',
  title: 'Re-running the rules reproduces the findings',
  async run(input) {
    const problems = new Problems();
    const reproduced = new Map<string, Finding>();
    try {
      const detector = new Detector(input.packet.rules, indexOf(input));
      for (const disclosed of input.packet.records) {
        for (const finding of detector.inspect(disclosed.record)) reproduced.set(finding.id, finding);
      }
    } catch (error) {
      problems.add('FINDING_NOT_REPRODUCED', `The rules could not be run on the disclosed records (${error instanceof Error ? error.message : String(error)}).`, input.packet.findings.map((f) => f.id));
      return problems.outcome([]);
    }
    for (const finding of input.packet.findings) {
      const again = reproduced.get(finding.id);
      if (again === undefined) {
        problems.add('FINDING_NOT_REPRODUCED', `Re-running the rules on the disclosed records does not produce finding ${finding.id}.`, [finding.id]);
      } else if (canonicalJson(again) !== canonicalJson(finding)) {
        problems.add('FINDING_NOT_REPRODUCED', `Re-running the rules produces finding ${finding.id} with different content.`, [finding.id]);
      }
    }
    return problems.outcome([`All ${input.packet.findings.length} findings are reproduced exactly by re-running the rules on the disclosed records.`]);
  },
};

/**
 * Step: each indicator entry appears, object for object, in the public bundle it names —
 * when the verifier has that bundle (shipped with Exhibit, given with --iocs, or dropped on
 * the page). A bundle the verifier lacks is reported, not held against the packet.
 */
import { canonicalJson } from '../canonical.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

function idOf(object: unknown): string | null {
  if (typeof object !== 'object' || object === null) return null;
  const id = (object as Record<string, unknown>)['id'];
  return typeof id === 'string' ? id : null;
}

export const publicBundlesStep: Step = {
  id: 'public-bundles',
  title: 'Indicator entries are in the public bundles',
  async run(input, options) {
    if (input.packet.indicators.length === 0) return notChecked('The packet holds no indicator entry.');
    const problems = new Problems();
    const notes: string[] = [];
    const missing: string[] = [];
    for (const disclosed of input.packet.indicators) {
      const bundle = options.bundles.find((b) => b.sha256 === disclosed.sha256);
      if (bundle === undefined) {
        missing.push(`${disclosed.file} (SHA-256 ${disclosed.sha256})`);
        continue;
      }
      for (const entry of disclosed.entries) {
        const findings = input.packet.findings.filter((f) => f.indicator?.stixId === entry.stixId).map((f) => f.id);
        const objects = Array.isArray(entry.objects) ? entry.objects : [];
        const bad = objects.filter((object) => {
          const id = idOf(object);
          const published = id === null ? undefined : bundle.objects.get(id);
          return published === undefined || canonicalJson(published) !== canonicalJson(object);
        });
        if (bad.length > 0 || objects.length === 0) {
          problems.add('INDICATOR_NOT_IN_BUNDLE', `The indicator entry ${entry.stixId} is not as published in ${bundle.file}.`, findings);
        }
      }
      notes.push(`The indicator entries from ${disclosed.file} are as published in the bundle with SHA-256 ${disclosed.sha256}.`);
    }
    if (missing.length === input.packet.indicators.length) {
      return notChecked(`You do not have the public bundle${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; give ${missing.length > 1 ? 'them' : 'it'} with --iocs to check the entries against ${missing.length > 1 ? 'them' : 'it'}.`);
    }
    if (missing.length > 0) notes.push(`Not checked, for lack of the bundle: ${missing.join(', ')}.`);
    return problems.outcome(notes);
  },
};

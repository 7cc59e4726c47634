/**
 * Writes the verifier page: one HTML file that carries its own code and fetches nothing.
 *
 * It is built from the compiled modules of this very installation (dist/), not from a
 * separate bundle: the page's rule engine, STIX reader and proof checks are byte for byte
 * the code `exhibit verify` runs. Starting from browser-main.js, every relative import is
 * followed; each module becomes a data: URL under an import map, its imports rewritten to
 * `exhibit:/<path>` names, and the three node: modules the engine touches are mapped to
 * small browser stand-ins (shims/). Any other import stops the build, so nothing Node-only
 * can slip into the page unnoticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EvidenceError } from '../errors.js';

const SHIMS: Record<string, string> = {
  'node:crypto': 'evidence/verifier-page/shims/node-crypto.js',
  'node:path': 'evidence/verifier-page/shims/node-path.js',
  'node:url': 'evidence/verifier-page/shims/node-url.js',
};

const ENTRY = 'evidence/verifier-page/browser-main.js';
const SPECIFIER = /(\b(?:import|export)\s+(?:[^'";]*?\s+from\s+)?)(['"])([^'"\n]+)\2/g;

/** The compiled tree this module runs from, or null when it runs from TypeScript sources. */
function compiledRoot(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  return resolve(dirname(here), '..', '..');
}

interface Module {
  name: string;
  code: string;
}

function collect(root: string): Module[] {
  const modules = new Map<string, string>();
  const pending = [ENTRY];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (modules.has(name)) continue;
    const path = join(root, ...name.split('/'));
    if (!existsSync(path)) throw new EvidenceError('VERIFIER_UNAVAILABLE', `The verifier page needs ${path}, which this installation lacks; reinstall Exhibit or run npm run build.`);
    const source = readFileSync(path, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
    const code = source.replace(SPECIFIER, (_whole, head: string, quote: string, specifier: string) => {
      let target: string;
      if (specifier in SHIMS) target = SHIMS[specifier]!;
      else if (specifier.startsWith('./') || specifier.startsWith('../')) target = posix.normalize(posix.join(posix.dirname(name), specifier));
      else throw new EvidenceError('VERIFIER_UNAVAILABLE', `The verifier page cannot include ${name}: it imports ${specifier}, which has no browser stand-in.`);
      if (target.startsWith('../')) throw new EvidenceError('VERIFIER_UNAVAILABLE', `The verifier page cannot include ${specifier} from ${name}: it is outside the package.`);
      pending.push(target);
      return `${head}${quote}exhibit:/${target}${quote}`;
    });
    modules.set(name, code);
  }
  return [...modules.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, code]) => ({ name, code }));
}

const STYLE = `
  body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 58rem; padding: 1.5rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  #drop { border: 2px dashed #888; border-radius: .5rem; padding: 2rem; text-align: center; margin: 1rem 0; }
  .ok { color: #11623a; } .bad { color: #a4161a; } .note { color: #555; }
  .step, .finding { border-left: 4px solid #bbb; padding: .25rem .75rem; margin: .5rem 0; }
  .step.pass, .finding.verified { border-color: #2d9d5c; } .step.fail, .finding.not-verified { border-color: #c0262d; }
  .step p, .finding p { margin: .2rem 0; font-size: .92rem; overflow-wrap: anywhere; }
  footer { margin-top: 2rem; font-size: .85rem; color: #555; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The whole page as text. Deterministic: the same installation gives the same bytes. */
export function buildVerifierPage(version: string): string {
  const root = compiledRoot();
  if (root === null) {
    throw new EvidenceError('VERIFIER_UNAVAILABLE', 'The verifier page is made from the built package; run npm run build and use bin/exhibit.js.');
  }
  const imports: Record<string, string> = {};
  for (const module of collect(root)) {
    imports[`exhibit:/${module.name}`] = `data:text/javascript;base64,${Buffer.from(module.code, 'utf8').toString('base64')}`;
  }
  // '<' cannot appear in base64 or in the names, so the map cannot close its script element early.
  const importMap = JSON.stringify({ imports });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' data:; style-src 'unsafe-inline'">
<title>Exhibit finding verifier</title>
<style>${STYLE}</style>
<script type="importmap">${importMap}</script>
<script type="module">import 'exhibit:/${ENTRY}';</script>
</head>
<body data-state="loading">
<h1>Exhibit finding verifier</h1>
<p>Checks a finding packet written by <code>exhibit disclose</code>: signatures, time-stamps, that each disclosed record belongs to the sealed acquisition, and that re-running the rules on the disclosed records gives the same findings. Everything happens in this page; nothing is sent anywhere.</p>
<div id="drop">
<p>Drop the packet here — with, if you have them, the public indicator bundles (.stix2) and the signers' public keys (.pub) you trust.</p>
<input id="files" type="file" multiple>
</div>
<section id="verdict" aria-live="polite"></section>
<pre id="verdict-json" hidden></pre>
<footer>Exhibit ${escapeHtml(version)} verifier page. A seal proves that the records are unchanged since they were sealed and signed by the keys shown; it cannot prove by itself that the data came from a given phone.</footer>
</body>
</html>
`;
}

/**
 * The verifier page's script. A person drops (or picks) a finding packet — and, if they
 * have them, the public indicator bundles and the signers' public keys — and the page runs
 * the same verifyPacket as `exhibit verify`, with WebCrypto, offline. The verdict is shown
 * in plain words and kept as JSON in #verdict-json (the tests compare it with the command's).
 *
 * The project compiles without the DOM library, so the few browser APIs used are declared
 * here, in this module only.
 */
import { fromBase64, toHex } from '../bytes.js';
import { ed25519RawFromSpki } from '../ed25519-spki.js';
import { bundleObjects } from '../indicator-entries.js';
import { sha256Sync } from '../sha256.js';
import type { PublicBundle, Verdict } from '../verify/types.js';
import { verifyPacket } from '../verify/verifier.js';
import { webVerifyCrypto } from '../web-crypto.js';

interface PageElement {
  textContent: string | null;
  className: string;
  hidden: boolean;
  files?: ArrayLike<PageFile> | null;
  dataset: Record<string, string | undefined>;
  append(...nodes: PageElement[]): void;
  replaceChildren(...nodes: PageElement[]): void;
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
}
interface PageFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface PageEvent {
  preventDefault(): void;
  dataTransfer?: { files: ArrayLike<PageFile> } | null;
}
interface PageDocument {
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
  body: PageElement;
}
declare const document: PageDocument;

function element(tag: string, text: string, className = ''): PageElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function byId(id: string): PageElement {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page lacks #${id}`);
  return node;
}

function publicKeyFromPem(text: string): Uint8Array | null {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(text);
  const der = match?.[1] === undefined ? null : fromBase64(match[1].replace(/\s+/g, ''));
  return der === null ? null : ed25519RawFromSpki(der);
}

interface Dropped {
  packet: unknown;
  bundles: PublicBundle[];
  trusted: Uint8Array[];
  notes: string[];
}

async function sortFiles(files: readonly PageFile[]): Promise<Dropped> {
  const dropped: Dropped = { packet: undefined, bundles: [], trusted: [], notes: [] };
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // TextDecoder drops a byte-order mark; the digest is taken over the bytes as they are.
    const text = new TextDecoder().decode(bytes);
    if (text.includes('-----BEGIN PUBLIC KEY-----')) {
      const key = publicKeyFromPem(text);
      if (key === null) dropped.notes.push(`${file.name} is not an Ed25519 public key; ignored.`);
      else dropped.trusted.push(key);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      dropped.notes.push(`${file.name} is not JSON; ignored.`);
      continue;
    }
    const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    if (record['type'] === 'bundle') {
      const objects = new Map<string, unknown>();
      for (const object of bundleObjects(json)) if (typeof object['id'] === 'string' && !objects.has(object['id'])) objects.set(object['id'], object);
      dropped.bundles.push({ file: file.name, sha256: toHex(sha256Sync(bytes)), objects });
    } else {
      dropped.packet = json;
    }
  }
  return dropped;
}

const STATUS_TEXT = { pass: 'PASS', fail: 'FAIL', 'not-checked': 'not checked' } as const;

function render(verdict: Verdict, notes: readonly string[]): void {
  const out = byId('verdict');
  const parts: PageElement[] = [];
  parts.push(element('h2', verdict.ok ? 'Verified: every check holds.' : 'Not verified: at least one check failed.', verdict.ok ? 'ok' : 'bad'));
  for (const note of notes) parts.push(element('p', note, 'note'));
  parts.push(element('h3', 'Signers'));
  for (const s of verdict.signers) {
    parts.push(element('p', `${s.document}: ${s.role ?? '?'} "${s.name ?? '?'}" — ${s.fingerprint ?? 'no key'}${s.valid ? '' : ' — INVALID'}${s.trusted ? ' — trusted' : ''}`, s.valid ? '' : 'bad'));
  }
  parts.push(element('h3', 'Checks'));
  for (const step of verdict.steps) {
    const block = element('div', '', `step ${step.status}`);
    block.append(element('strong', `${STATUS_TEXT[step.status]} — ${step.title}${step.code ? ` (${step.code})` : ''}`));
    for (const message of step.messages) block.append(element('p', message));
    parts.push(block);
  }
  parts.push(element('h3', 'Findings'));
  for (const f of verdict.findings) {
    const block = element('div', '', `finding ${f.status}`);
    block.append(element('strong', `${f.status === 'verified' ? 'VERIFIED' : 'NOT VERIFIED'} — ${f.rule}: ${f.matched.field} = ${f.matched.value}`));
    block.append(element('p', `finding ${f.id}`));
    for (const problem of f.problems) block.append(element('p', problem));
    parts.push(block);
  }
  out.replaceChildren(...parts);
  byId('verdict-json').textContent = JSON.stringify(verdict);
}

async function verifyFiles(files: readonly PageFile[]): Promise<void> {
  const state = document.body.dataset;
  state['state'] = 'working';
  try {
    const dropped = await sortFiles(files);
    if (dropped.packet === undefined) {
      byId('verdict').replaceChildren(element('p', 'No finding packet among the files: drop the JSON file exhibit disclose wrote.', 'bad'));
      state['state'] = 'no-packet';
      return;
    }
    const verdict = await verifyPacket(dropped.packet, { crypto: webVerifyCrypto(), trusted: dropped.trusted, bundles: dropped.bundles });
    render(verdict, dropped.notes);
    state['state'] = 'done';
  } catch (error) {
    byId('verdict').replaceChildren(element('p', `The page could not verify: ${error instanceof Error ? error.message : String(error)}`, 'bad'));
    state['state'] = 'error';
  }
}

const picker = byId('files');
picker.addEventListener('change', () => {
  void verifyFiles(Array.from(picker.files ?? []));
});
const zone = byId('drop');
zone.addEventListener('dragover', (event) => event.preventDefault());
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  void verifyFiles(Array.from(event.dataTransfer?.files ?? []));
});
document.body.dataset['state'] = 'ready';

/**
 * `exhibit verify PACKET` on the Node side: read the packet, the trusted keys and the public
 * bundles the verifier has (Exhibit's shipped iocs/ and any --iocs files), then run the
 * same verifyPacket the verifier page runs. Nothing is fetched.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../errors.js';
import { shippedIndicatorFolder } from '../indicators/load.js';
import { EvidenceError } from './errors.js';
import { bundleObjects } from './indicator-entries.js';
import { readPublicKeyFile } from './keys.js';
import { nodeVerifyCrypto } from './node-crypto.js';
import type { PublicBundle, Verdict } from './verify/types.js';
import { verifyPacket } from './verify/verifier.js';

const MAX_PACKET_BYTES = 64 * 1024 * 1024;

export interface VerifyFileOptions {
  packet: string;
  trust: readonly string[];
  iocs: readonly string[];
  /** Include the bundles shipped with Exhibit (default true). */
  shipped?: boolean;
}

function readPacket(path: string): unknown {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_PACKET_BYTES) throw new Error(`larger than ${MAX_PACKET_BYTES / 1024 / 1024} MiB`);
    bytes = readFileSync(path);
  } catch (error) {
    throw new EvidenceError('PACKET_INVALID', `The packet ${path} cannot be read (${describeError(error)}); give the file exhibit disclose wrote.`, error);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new EvidenceError('PACKET_INVALID', `The packet ${path} is not JSON (${describeError(error)}); give the file exhibit disclose wrote.`, error);
  }
}

function bundleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new EvidenceError('PATH_NOT_FOUND', `The indicator file ${path} cannot be read (${describeError(error)}); check the path given with --iocs.`, error);
    }
    if (!isDirectory) out.push(path);
    else for (const name of readdirSync(path).sort()) if (/\.(stix2|json)$/i.test(name)) out.push(join(path, name));
  }
  return out;
}

/** The public bundles among `paths` whose digest the packet names, parsed. */
export function loadPublicBundles(paths: readonly string[], wanted: ReadonlySet<string>): PublicBundle[] {
  const out: PublicBundle[] = [];
  for (const path of bundleFiles(paths)) {
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!wanted.has(sha256) || out.some((b) => b.sha256 === sha256)) continue;
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    const objects = new Map<string, unknown>();
    for (const object of bundleObjects(json)) if (typeof object['id'] === 'string' && !objects.has(object['id'])) objects.set(object['id'], object);
    out.push({ file: path.split(/[\\/]/).pop() ?? path, sha256, objects });
  }
  return out;
}

function wantedBundles(packet: unknown): Set<string> {
  const indicators = typeof packet === 'object' && packet !== null ? (packet as { indicators?: unknown }).indicators : undefined;
  const out = new Set<string>();
  if (Array.isArray(indicators)) for (const b of indicators) if (typeof b?.sha256 === 'string') out.add(b.sha256);
  return out;
}

export async function verifyPacketFile(options: VerifyFileOptions): Promise<Verdict> {
  const packet = readPacket(options.packet);
  const trusted = options.trust.map(readPublicKeyFile);
  const sources = [...((options.shipped ?? true) ? [shippedIndicatorFolder()] : []), ...options.iocs];
  const bundles = loadPublicBundles(sources, wantedBundles(packet));
  return verifyPacket(packet, { crypto: nodeVerifyCrypto, trusted, bundles });
}

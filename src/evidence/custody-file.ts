/** custody.log on disk: read every entry, append one. Appending never rewrites earlier lines. */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Signer } from './dsse.js';
import { CUSTODY_FILE } from './evidence-files.js';
import { EvidenceError } from './errors.js';
import { makeCustodyLine, type CustodyLine, type NewCustodyEvent } from './custody-log.js';
import { sha256 } from './node-crypto.js';

/** Every line of the log, parsed; a line that is not JSON is kept as its text so verification names it. */
export function readCustodyLog(dir: string): unknown[] {
  const path = join(dir, CUSTODY_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return line;
      }
    });
}

export function appendCustody(dir: string, event: NewCustodyEvent, signer: Signer): CustodyLine {
  const lines = readCustodyLog(dir);
  const last = lines.at(-1);
  if (last !== undefined && (typeof last !== 'object' || last === null || typeof (last as CustodyLine).hash !== 'string')) {
    throw new EvidenceError('EVIDENCE_INVALID', `The last entry of ${join(dir, CUSTODY_FILE)} is damaged; restore the log from a copy before adding to it.`);
  }
  const line = makeCustodyLine(sha256, (last as CustodyLine | undefined) ?? null, event, signer);
  appendFileSync(join(dir, CUSTODY_FILE), `${JSON.stringify(line)}\n`, { mode: 0o600 });
  return line;
}

export function custodyHead(dir: string): { seq: number; hash: string } | null {
  const last = readCustodyLog(dir).at(-1) as Partial<CustodyLine> | undefined;
  if (last === undefined || typeof last.seq !== 'number' || typeof last.hash !== 'string') return null;
  return { seq: last.seq, hash: last.hash };
}

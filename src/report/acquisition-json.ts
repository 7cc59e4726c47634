/** acquisition.json: what was checked — metadata and the SHA-256 of every input file read. */
import { writeFileSync } from 'node:fs';
import type { AcquisitionInfo } from '../acquisition/detect.js';
import type { FileDigest } from '../acquisition/source.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export function writeAcquisitionJson(path: string, info: AcquisitionInfo, digests: readonly FileDigest[]): void {
  const doc = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...info,
    files_read: digests.map((digest) => ({
      path: digest.path,
      stored: digest.stored,
      size: digest.size,
      sha256: digest.sha256,
      // Encrypted backups: sha256 is of the bytes as stored; this is of the decrypted content.
      ...(digest.plaintext ? { plaintext: digest.plaintext } : {}),
    })),
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}

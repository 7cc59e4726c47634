/**
 * Step: the files the disclosed records came from are in the sealed file tree, with the
 * SHA-256 each record names as its origin.
 */
import { fromHex } from '../bytes.js';
import { fileLeaf } from '../leaves.js';
import { checkInclusionProof } from '../merkle.js';
import { findingsOnLeaf } from './context.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

export const fileProofsStep: Step = {
  id: 'file-proofs',
  title: "Records' files belong to the seal",
  async run(input, options) {
    if (input.seal === null) return notChecked('The seal could not be read.');
    const { crypto } = options;
    const problems = new Problems();
    const root = fromHex(input.seal.files.root);
    for (const disclosed of input.packet.files) {
      const salt = fromHex(disclosed.salt);
      const proof = disclosed.proof.map(fromHex);
      const name = typeof disclosed.file.path === 'string' ? disclosed.file.path : '?';
      if (root === null || salt === null || proof.some((p) => p === null)) {
        problems.add('FILE_PROOF_INVALID', `The disclosure of the file ${name} is inconsistent (salt or proof).`);
        continue;
      }
      const problem = checkInclusionProof(crypto.sha256, disclosed.index, input.seal.files.count, fileLeaf(crypto.sha256, salt, disclosed.file), proof as Uint8Array[], root);
      if (problem !== null) problems.add('FILE_PROOF_INVALID', `The file ${name} is not in the sealed file tree as disclosed.`);
    }
    let listingOnly = 0;
    for (const disclosed of input.packet.records) {
      const origin = disclosed.record.origin;
      const findings = findingsOnLeaf(input, disclosed.artifact, disclosed.index);
      if (origin.locator.kind === 'listing') {
        // A listing entry is attested by its sealed record leaf; a file entry must also be a sealed file of that path and size.
        const file = input.packet.files.find((f) => f.file.path === origin.path);
        const claimsFile = disclosed.record.fields['type'] === 'file';
        const size = disclosed.record.fields['size'];
        if (file === undefined && claimsFile) {
          problems.add('FILE_PROOF_INVALID', `Record ${disclosed.index} of ${disclosed.artifact} lists the file ${origin.path}, which is not disclosed from the sealed files.`, findings);
        } else if (file !== undefined && typeof size === 'number' && file.file.size !== size) {
          problems.add('FILE_PROOF_INVALID', `Record ${disclosed.index} of ${disclosed.artifact} lists ${origin.path} with ${size} bytes, but the sealed file has ${file.file.size}.`, findings);
        } else if (file === undefined) {
          listingOnly += 1;
        }
        continue;
      }
      const file = input.packet.files.find((f) => f.file.path === origin.path && f.file.stored === origin.stored);
      if (file === undefined) {
        problems.add('FILE_PROOF_INVALID', `The file of record ${disclosed.index} of ${disclosed.artifact} (${origin.path}) is not disclosed.`, findings);
      } else if (file.file.sha256 !== null && file.file.sha256 !== origin.sha256) {
        problems.add('FILE_PROOF_INVALID', `Record ${disclosed.index} of ${disclosed.artifact} names a file content (${origin.sha256.slice(0, 16)}…) other than the sealed ${origin.path}.`, findings);
      }
    }
    const notes = [`All ${input.packet.files.length} files the records came from are in the sealed file tree, with the same SHA-256.`];
    if (listingOnly > 0) notes.push(`${listingOnly} records describe folders or links of the file listing, which have no content: they rest on their sealed record leaves alone.`);
    return problems.outcome(notes);
  },
};

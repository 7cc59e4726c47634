/** Every evidence command, registered in one call from main.ts. */
import type { Command } from 'commander';
import { registerCosign } from './cosign.js';
import { registerDisclose } from './disclose.js';
import { registerExportCase } from './export-case.js';
import { registerKeys } from './keys.js';
import { registerSeal } from './seal.js';
import { registerTimestamp } from './timestamp.js';
import { registerVerifier } from './verifier.js';
import { registerVerify } from './verify.js';

export function registerEvidence(program: Command, setExitCode: (code: number) => void): void {
  registerKeys(program);
  registerSeal(program, setExitCode);
  registerCosign(program);
  registerTimestamp(program);
  registerDisclose(program);
  registerVerify(program, setExitCode);
  registerVerifier(program);
  registerExportCase(program);
}

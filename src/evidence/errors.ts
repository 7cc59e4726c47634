/** Errors of the evidence commands: keys, seals, packets. One sentence, saying what to do. */
import { ExhibitError } from '../errors.js';

export class EvidenceError extends ExhibitError {}

/**
 * in-toto Statement v1 (in-toto/attestation spec): a subject list of {name, digest}, a
 * predicate type URI and a predicate. Exhibit's predicate types are URNs until the project
 * has a home page to put them under; verifiers compare them as opaque strings.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export const SEAL_PREDICATE_TYPE = 'urn:exhibit:predicate:seal:v1';
export const ANALYSIS_PREDICATE_TYPE = 'urn:exhibit:predicate:analysis:v1';

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface Statement<P> {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export function statement<P>(subject: Subject[], predicateType: string, predicate: P): Statement<P> {
  return { _type: STATEMENT_TYPE, subject, predicateType, predicate };
}

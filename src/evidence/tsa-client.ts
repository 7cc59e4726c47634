/**
 * Asking a time-stamp authority (RFC 3161 over HTTP, RFC 3161 §3.4): POST the DER request
 * as application/timestamp-query and read a bounded application/timestamp-reply. Only the
 * 32-byte digest leaves the machine. The answer is checked before it is kept: nonce echoed,
 * imprint ours, signature valid.
 */
import { randomBytes } from 'node:crypto';
import { describeError } from '../errors.js';
import { fromHex, toHex } from './bytes.js';
import { EvidenceError } from './errors.js';
import { nodeVerifyCrypto } from './node-crypto.js';
import { checkTimestampToken, timestampRequest, tokenFromResponse, type TokenFacts } from './timestamp.js';

const MAX_REPLY_BYTES = 1024 * 1024;
const TIMEOUT_MS = 30_000;

function fail(url: string, reason: string, cause?: unknown): EvidenceError {
  return new EvidenceError(
    'TIMESTAMP_FAILED',
    `The time-stamp authority ${url} could not time-stamp the seal (${reason}); the results are complete, so add the time-stamp later with exhibit timestamp RESULTS --tsa URL.`,
    cause,
  );
}

export async function requestTimestamp(url: string, digest: Uint8Array): Promise<{ token: Uint8Array; facts: TokenFacts }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new EvidenceError('INVALID_ARGUMENT', `${url} is not a URL; give the time-stamp authority's address, e.g. https://freetsa.org/tsr.`, error);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EvidenceError('INVALID_ARGUMENT', `${url} is not an http(s) URL; give the time-stamp authority's address.`);
  }
  const nonce = new Uint8Array(randomBytes(8));
  nonce[0] = (nonce[0] ?? 0) & 0x7f;
  let reply: Uint8Array;
  try {
    const response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: Buffer.from(timestampRequest(digest, nonce)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok) throw fail(url, `HTTP status ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAX_REPLY_BYTES) throw fail(url, 'the answer is too large');
    reply = new Uint8Array(await response.arrayBuffer());
    if (reply.length > MAX_REPLY_BYTES) throw fail(url, 'the answer is too large');
  } catch (error) {
    if (error instanceof EvidenceError) throw error;
    throw fail(url, describeError(error), error);
  }
  const outcome = tokenFromResponse(reply);
  if (!outcome.ok) throw fail(url, outcome.reason);
  const check = await checkTimestampToken(nodeVerifyCrypto, outcome.token, digest);
  if (!check.ok) throw fail(url, check.message);
  const sentNonce = fromHex(check.facts.nonce ?? '');
  if (sentNonce === null || BigInt(`0x${toHex(sentNonce) || '0'}`) !== BigInt(`0x${toHex(nonce)}`)) {
    throw fail(url, 'the answer does not echo the nonce of the request');
  }
  return { token: outcome.token, facts: check.facts };
}
